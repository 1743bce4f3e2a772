import type { Pool } from 'pg';
import { LogNotSettled } from '../../errors';

const POLL_MS = 2;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The highest position at or below which every event that will ever be stored is already
 * readable. Positions are taken at insert, not at commit, so an append still in flight holds a
 * position below ones already readable, and a reader paging by position would pass it for good.
 *
 * An append takes its positions while it holds its lock on the log's table, until it ends. So the
 * last position taken is read first, then which transactions hold that lock: every position up to
 * the one read belongs to a transaction already ended or among those, and once those have ended it
 * is readable or never will be (rolled back). Appends take a millisecond or two; one held open for
 * longer than `waitLimitMs` fails the read as `LogNotSettled`.
 */
export async function settledPosition(pool: Pool, waitLimitMs: number): Promise<number> {
  const { rows: taken } = await pool.query<{ position: string | null }>(
    `select pg_sequence_last_value(pg_get_serial_sequence('es_events', 'global_position')::regclass) as position`,
  );
  let writers = await writersAmong(pool);
  const started = Date.now();
  while (writers.length > 0) {
    if (Date.now() - started >= waitLimitMs) throw new LogNotSettled(waitLimitMs);
    await pause(POLL_MS);
    writers = await writersAmong(pool, writers);
  }
  return Number(taken[0]?.position ?? 0);
}

/** Transactions of other sessions writing to the log now; only those of `among` when given. */
async function writersAmong(pool: Pool, among?: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ writers: string[] | null }>(
    `select array_agg(virtualtransaction) as writers from pg_locks
      where locktype = 'relation' and relation = 'es_events'::regclass and mode = 'RowExclusiveLock'
        and pid <> pg_backend_pid() and ($1::text[] is null or virtualtransaction = any($1))`,
    [among ?? null],
  );
  return rows[0]?.writers ?? [];
}
