import type { EventMetadata, JsonObject, RecordedEvent } from '../event-store.port';

export interface EventRow {
  event_id: string;
  stream_name: string;
  stream_version: string;
  global_position: string;
  /** The writing transaction's id as text; a distinct alias, so ORDER BY still sorts the xid8 column. */
  transaction_text: string;
  event_type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recorded_at: Date;
}

export const EVENT_COLUMNS =
  'event_id, stream_name, stream_version, global_position, transaction_id::text as transaction_text, ' +
  'event_type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    stream: row.stream_name,
    streamVersion: Number(row.stream_version),
    position: Number(row.global_position),
    transactionId: row.transaction_text,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
