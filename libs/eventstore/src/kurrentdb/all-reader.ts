import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  FORWARDS,
  type KurrentDBClient,
  START,
} from '@kurrent/kurrentdb-client';
import type { ReadEvent } from './recorded-event';
import { toReadEvent } from './recorded-event';
import { comparePositions, type KurrentPosition } from './revisions';
import type { StreamScope } from './stream-scope';

const PAGE_SIZE = 500;
/** Reading backwards usually stops at the first event; a small first page keeps headPosition cheap. */
const FIRST_BACKWARD_PAGE = 16;

/**
 * Reads `$all` in pages, keeping what the store's scope accepts. Reads from a position include the
 * event at that position, so every page skips what the previous one already passed; the server
 * filter is only a superset of what is kept, hence the loop until enough events were kept.
 */
export class AllReader {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly scope: StreamScope,
  ) {}

  /** Up to `limit` events strictly after `after`, in `$all` order. */
  async forward(after: KurrentPosition | 'start', limit: number, types?: readonly string[]): Promise<ReadEvent[]> {
    const kept: ReadEvent[] = [];
    let cursor = after;
    const pageSize = Math.min(Math.max(limit + 1, 2), PAGE_SIZE);
    while (kept.length < limit) {
      const page = await this.page(FORWARDS, cursor, pageSize, types);
      for (const resolved of page) {
        const at = positionOfResolved(resolved);
        if (cursor !== 'start' && comparePositions(at, cursor) <= 0) continue;
        cursor = at;
        const read = toReadEvent(resolved.event, this.scope, types);
        if (read && kept.length < limit) kept.push(read);
      }
      if (page.length < pageSize) break;
    }
    return kept;
  }

  /** The last event the scope accepts, if any. */
  async last(): Promise<ReadEvent | undefined> {
    let cursor: KurrentPosition | 'end' = 'end';
    for (let pageSize = FIRST_BACKWARD_PAGE; ; pageSize = Math.min(pageSize * 4, PAGE_SIZE)) {
      const page = await this.page(BACKWARDS, cursor, pageSize);
      for (const resolved of page) {
        const at = positionOfResolved(resolved);
        if (cursor !== 'end' && comparePositions(at, cursor) >= 0) continue;
        cursor = at;
        const read = toReadEvent(resolved.event, this.scope);
        if (read) return read;
      }
      if (page.length < pageSize) return undefined;
    }
  }

  private async page(
    direction: typeof FORWARDS | typeof BACKWARDS,
    from: KurrentPosition | 'start' | 'end',
    maxCount: number,
    types?: readonly string[],
  ): Promise<AllStreamResolvedEvent[]> {
    const fromPosition = from === 'start' ? START : from === 'end' ? END : from;
    const events: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({
      direction,
      fromPosition,
      maxCount,
      filter: this.scope.serverFilter(types),
    })) {
      events.push(resolved);
    }
    return events;
  }
}

function positionOfResolved(resolved: AllStreamResolvedEvent): KurrentPosition {
  const position = resolved.event?.position;
  if (!position) throw new Error('KurrentDB returned a $all event without its position');
  return { commit: position.commit, prepare: position.prepare };
}
