import { EventIdReused } from './errors';
import type { NewEvent, RecordedEvent } from './event-store.port';
import { isSealedValue } from './personal-data/sealed-value';

/** An event an append asks for, with the stream it names. */
export interface AskedEvent extends Pick<NewEvent, 'id' | 'type' | 'data'> {
  stream: string;
}

/**
 * An append whose ids the log holds already is a retry only when the stored events are the ones it
 * asks for: the same stream, type and data. Metadata is not compared: a retry carries its own (a
 * new requestedAt, say). Anything else means the ids were derived again for another decision, and
 * answering "already appended" would tell the caller that the log holds what it does not.
 * `stored`: the events found under the asked ids, in any order. Throws EventIdReused on the first
 * that differs.
 */
export function assertRetryOf(asked: readonly AskedEvent[], stored: readonly RecordedEvent[]): void {
  const byId = new Map(stored.map((event) => [event.id.toLowerCase(), event]));
  for (const event of asked) {
    const found = byId.get(event.id.toLowerCase());
    if (!found) throw new Error(`event ${event.id} was reported stored but could not be read back`);
    // The data as it went to the store: JSON drops undefined members, turns dates into text.
    const sent: unknown = JSON.parse(JSON.stringify(event.data));
    if (found.stream !== event.stream || found.type !== event.type || !sameStoredData(found.data, sent)) {
      throw new EventIdReused(event.id, { stream: found.stream, type: found.type }, { stream: event.stream, type: event.type });
    }
  }
}

/**
 * Stored data against the data an append sends, as JSON (key order aside, as PostgreSQL's jsonb
 * keeps none). Two sealed personal fields (see isSealedValue) count as equal when they are sealed
 * for the same subject: the personal-data wrapper seals every append afresh with a random IV and
 * does not reuse the first attempt's ciphertext, so an identical retry never matches on `ct`, and
 * a store holds no key to open either. A retry that changed only a sealed value of the same
 * subject thus passes as the same request; every other field is compared exactly.
 */
export function sameStoredData(stored: unknown, sent: unknown): boolean {
  if (isSealedValue(stored) && isSealedValue(sent)) return stored.pd === sent.pd;
  if (stored === sent) return true;
  if (typeof stored !== 'object' || typeof sent !== 'object' || stored === null || sent === null) return false;
  if (Array.isArray(stored) || Array.isArray(sent)) {
    if (!Array.isArray(stored) || !Array.isArray(sent) || stored.length !== sent.length) return false;
    return stored.every((value, i) => sameStoredData(value, sent[i]));
  }
  const storedFields = stored as Record<string, unknown>;
  const sentFields = sent as Record<string, unknown>;
  const keys = Object.keys(storedFields);
  if (keys.length !== Object.keys(sentFields).length) return false;
  return keys.every((key) => Object.hasOwn(sentFields, key) && sameStoredData(storedFields[key], sentFields[key]));
}
