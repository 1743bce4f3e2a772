import type { RecordedEvent } from '@koppelhub/eventstore';

/** One recorded event as the history endpoints show it. */
export interface HistoryEntry {
  position: number;
  version: number;
  type: string;
  data: unknown;
  time: Date;
  actor: string;
  commandId: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  effectiveAt?: string;
}

/** A recorded event as a history entry. */
export const toHistoryEntry = (event: RecordedEvent): HistoryEntry => ({
  position: event.position,
  version: event.streamVersion,
  type: event.type,
  data: event.data,
  time: event.recordedAt,
  actor: event.metadata.actor,
  commandId: event.metadata.commandId,
  correlationId: event.metadata.correlationId,
  ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
  ...(event.metadata.reason ? { reason: event.metadata.reason } : {}),
  ...(event.metadata.effectiveAt ? { effectiveAt: event.metadata.effectiveAt } : {}),
});
