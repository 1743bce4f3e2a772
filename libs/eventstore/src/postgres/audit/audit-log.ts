import type { Pool } from 'pg';
import type { RecordedEvent } from '../../event-store.port';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from '../event-row';
import { settledPosition } from './settled-position';

export interface AuditFilter {
  /** Events of this stream (e.g. `client-<id>`). */
  stream?: string;
  type?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

export interface AuditPage {
  items: RecordedEvent[];
  /** Pass back as `after` for the next page; absent on the last page. */
  nextCursor?: number;
  total: number;
}

function where(filter: AuditFilter, after: number, upTo?: number): { sql: string; params: unknown[] } {
  const clauses = ['global_position > $1'];
  const params: unknown[] = [after];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.stream) add('stream_name = ?', filter.stream);
  if (filter.type) add('event_type = ?', filter.type);
  if (filter.actor) add(`metadata->>'actor' = ?`, filter.actor);
  if (filter.from) add('recorded_at >= ?', filter.from);
  if (filter.to) add('recorded_at < ?', filter.to);
  if (upTo !== undefined) add('global_position <= ?', upTo);
  return { sql: clauses.join(' and '), params };
}

/** What rows pass through on the way out, e.g. opening sealed personal fields; batch by batch. */
export type ReadThrough = (events: RecordedEvent[]) => Promise<RecordedEvent[]>;

/** How long a read waits for appends in flight below its last position (see settledPosition). */
export interface AuditWaitLimits {
  pageMs: number;
  /** An export runs for minutes anyway; it may wait longer than a page would. */
  exportMs: number;
}

const WAIT_LIMITS: AuditWaitLimits = { pageMs: 5_000, exportMs: 30_000 };

/**
 * The global history for auditors, in position order, filtered and paged by a position cursor.
 * Every read stops at the settled position, so an append committing late below it cannot be
 * passed: a cursor or a running export never leaves an event behind.
 */
export class AuditLog {
  constructor(
    private readonly pool: Pool,
    private readonly readThrough: ReadThrough = async (events) => events,
    private readonly waitLimits: AuditWaitLimits = WAIT_LIMITS,
  ) {}

  async page(filter: AuditFilter, after = 0, limit = 100): Promise<AuditPage> {
    const { sql, params } = where(filter, after, await settledPosition(this.pool, this.waitLimits.pageMs));
    const counted = where(filter, 0);
    const [rows, total] = await Promise.all([
      this.pool.query<EventRow>(
        `select ${EVENT_COLUMNS} from es_events where ${sql} order by global_position limit ${limit + 1}`,
        params,
      ),
      this.pool.query<{ total: string }>(`select count(*) as total from es_events where ${counted.sql}`, counted.params),
    ]);
    const items = await this.readThrough(rows.rows.slice(0, limit).map(toRecordedEvent));
    return {
      items,
      total: Number(total.rows[0].total),
      ...(rows.rows.length > limit ? { nextCursor: items[items.length - 1].position } : {}),
    };
  }

  /**
   * Every matching event, batch by batch: an export of millions of events never sits in memory,
   * and each batch is a short query, so no transaction stays open while the client downloads.
   * The export is the log as it stood when it began, up to the position settled then: it waits
   * for appends in flight once, before its first batch, and a download already under way is never
   * cut off by a writer that holds its transaction open later. Events appended meanwhile belong to
   * the next export.
   */
  async *stream(filter: AuditFilter, batchSize = 5000): AsyncGenerator<RecordedEvent> {
    const upTo = await settledPosition(this.pool, this.waitLimits.exportMs);
    let after = 0;
    for (;;) {
      const { sql, params } = where(filter, after, upTo);
      const { rows } = await this.pool.query<EventRow>(
        `select ${EVENT_COLUMNS} from es_events where ${sql} order by global_position limit ${batchSize}`,
        params,
      );
      for (const event of await this.readThrough(rows.map(toRecordedEvent))) yield event;
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1].global_position);
    }
  }
}
