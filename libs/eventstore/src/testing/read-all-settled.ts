import type { EventStore, RecordedEvent } from '../event-store.port';
import { eventually } from './eventually';

/**
 * The log's first `count` events, once all of them can be read: a read stops below the oldest
 * transaction in flight on the whole server, which a suite running beside this one may hold open
 * for a moment.
 */
export function readAllSettled(store: Pick<EventStore, 'readAll'>, count: number): Promise<RecordedEvent[]> {
  return eventually(
    () => store.readAll({ limit: count }),
    (events) => events.length === count,
  );
}
