import type { RecordedEvent } from '../../event-store.port';

export type ExportFormat = 'ndjson' | 'csv';

const CSV_COLUMNS = [
  'position',
  'stream',
  'version',
  'type',
  'recordedAt',
  'effectiveAt',
  'actor',
  'commandId',
  'correlationId',
  'causationId',
  'reason',
  'data',
];

export const exportHeader = (format: ExportFormat): string => (format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '');

/** One event as one NDJSON line or one CSV record (RFC 4180 quoting). */
export function exportLine(format: ExportFormat, event: RecordedEvent): string {
  if (format === 'ndjson') {
    return `${JSON.stringify({
      position: event.position,
      stream: event.stream,
      version: event.streamVersion,
      type: event.type,
      recordedAt: event.recordedAt,
      metadata: event.metadata,
      data: event.data,
    })}\n`;
  }
  const values = [
    event.position,
    event.stream,
    event.streamVersion,
    event.type,
    event.recordedAt.toISOString(),
    event.metadata.effectiveAt,
    event.metadata.actor,
    event.metadata.commandId,
    event.metadata.correlationId,
    event.metadata.causationId,
    event.metadata.reason,
    JSON.stringify(event.data),
  ];
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: unknown): string {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
