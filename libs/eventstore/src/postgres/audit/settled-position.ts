import type { Pool } from 'pg';
import { LogNotSettled } from '../../errors';

const FIRST_POLL_MS = 2;
/** Each look at pg_locks takes the lock manager's partition locks, which appends need too. */
const LONGEST_POLL_MS = 50;

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
 *
 * This holds while the position's sequence hands its numbers out one at a time (no `CACHE`, as
 * created): with a cache, the last value read would run ahead of the positions handed out. The
 * store refuses to open over a sequence with one (PositionSequenceCached).
 */
export async function settledPosition(pool: Pool, waitLimitMs: number): Promise<number> {
  const { rows: taken } = await pool.query<{ position: string | null }>(
    `select pg_sequence_last_value(pg_get_serial_sequence('es_events', 'global_position')::regclass) as position`,
  );
  let writers = await writersAmong(pool);
  const started = Date.now();
  for (let pollMs = FIRST_POLL_MS; writers.length > 0; pollMs = Math.min(pollMs * 2, LONGEST_POLL_MS)) {
    if (Date.now() - started >= waitLimitMs) throw new LogNotSettled(waitLimitMs);
    await pause(pollMs);
    writers = await writersAmong(pool, writers);
  }
  return Number(taken[0]?.position ?? 0);
}

/**
 * Transactions of other sessions writing to the log now; only those of `among` when given. A
 * prepared transaction's locks have no pid, hence `is distinct from`; pg_locks covers the whole
 * cluster, hence the database.
 */
async function writersAmong(pool: Pool, among?: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ writers: string[] | null }>(
    `select array_agg(virtualtransaction) as writers from pg_locks
      where locktype = 'relation' and relation = 'es_events'::regclass and mode = 'RowExclusiveLock'
        and database = (select oid from pg_database where datname = current_database())
        and pid is distinct from pg_backend_pid() and ($1::text[] is null or virtualtransaction = any($1))`,
    [among ?? null],
  );
  return rows[0]?.writers ?? [];
}
