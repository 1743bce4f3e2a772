import type { EventStore } from '@koppelhub/eventstore';
import { type HistoryEntry, toHistoryEntry } from './history-entry';

/** Which part of a stream's history to show: from a version on, at most so many events. */
export interface HistoryPageRequest {
  fromVersion: number;
  pageSize: number;
}

/** A part of a history; `nextVersion` where the next part starts, absent on the last. */
export interface HistoryPage {
  entries: HistoryEntry[];
  nextVersion?: number;
}

/** The largest page of a history, and the one given when none is asked: most whole histories fit. */
export const HISTORY_PAGE_SIZE = 1000;

/** A page of a stream's history; undefined when the stream has no events at all. */
export async function readHistoryPage(store: EventStore, stream: string, { fromVersion, pageSize }: HistoryPageRequest): Promise<HistoryPage | undefined> {
  // One event more than the page holds says whether another page follows.
  const events = await store.readStream(stream, { fromVersion, limit: pageSize + 1 });
  if (events.length === 0 && (fromVersion <= 1 || (await store.readStream(stream, { limit: 1 })).length === 0)) return undefined;
  const shown = events.slice(0, pageSize);
  return {
    entries: shown.map(toHistoryEntry),
    ...(events.length > pageSize ? { nextVersion: shown[shown.length - 1].streamVersion + 1 } : {}),
  };
}
