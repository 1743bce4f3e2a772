import type { EventMetadata, FoldableEvent, JsonObject, RecordedEvent } from '../event-store.port';

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
  /** The recording time in whole milliseconds since the epoch, as text (see EVENT_COLUMNS). */
  recorded_ms: string;
}

/**
 * The recording time travels as milliseconds since the epoch: turning the timestamp's text into a
 * Date took about a tenth of a read model rebuild's time in Node. Cut to the millisecond as the
 * Date it becomes always was.
 */
const RECORDED_MS = 'floor(extract(epoch from recorded_at) * 1000)::int8 as recorded_ms';

export const EVENT_COLUMNS =
  'event_id, stream_name, stream_version, global_position, transaction_id::text as transaction_text, ' +
  `event_type, data, metadata, ${RECORDED_MS}`;

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
    recordedAt: new Date(Number(row.recorded_ms)),
  };
}

/** A row as `readForFold` reads it: what a fold reads, and the one value of the metadata upcasting needs. */
export interface FoldRow {
  global_position: string;
  transaction_text: string;
  event_type: string;
  data: JsonObject;
  /** The metadata's `schemaVersion` as text; null when absent (version 1). */
  schema_version: string | null;
  recorded_ms: string;
}

/**
 * EVENT_COLUMNS without the id, stream, version and metadata: a rebuild's read printed, sent and
 * parsed them for every event (about a fifth of its reading in Node) and its fold never looks.
 */
export const FOLD_COLUMNS =
  "global_position, transaction_id::text as transaction_text, event_type, data, metadata->>'schemaVersion' as schema_version, " +
  RECORDED_MS;

export function toFoldableEvent(row: FoldRow): FoldableEvent {
  return {
    position: Number(row.global_position),
    transactionId: row.transaction_text,
    type: row.event_type,
    data: row.data,
    recordedAt: new Date(Number(row.recorded_ms)),
  };
}
