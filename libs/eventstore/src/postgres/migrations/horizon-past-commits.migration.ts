import type { Migration } from './migration';
import { readHorizon } from './read-horizon.migration';
import { replaceOnce } from './replace-once';

/**
 * es_read_horizon passed over a writer caught committing. A transaction ends in steps: its commit is
 * recorded (new snapshots see it), then its locks are released, the fast-path ones (its lock on
 * es_events) before those of the main lock table (the lock on its own transaction id); and pg_locks
 * reads the fast-path locks backend by backend before the main table. So a look at pg_locks could
 * find a writer's transaction id locked and no lock of it on es_events: it took it for a bystander,
 * still running and never writing. But a reader's snapshot, taken before the look, does not see that
 * writer's events, and the reader went past them for good: under concurrent appends about one read
 * in a few thousand skipped a whole batch (64 appends), and the sync decided nothing for those
 * clients.
 *
 * Now a transaction the look passes over must still be in progress once the look is done, by the
 * commit log (`pg_xact_status`, read in a statement after the look). A writer caught in that window
 * has recorded its commit before releasing any lock, so it is found committed and holds the reader
 * back like any transaction that ended between the snapshot and the look. A bystander still running
 * holds no lock on es_events and never will with its id (es_append_batch refuses), so passing it
 * over stays sound.
 *
 * `es_horizon_passing` is that second step on its own: the horizon of a snapshot, given the
 * transactions a look found holding no lock on es_events.
 */
const horizonPassing = `
create function es_horizon_passing(p_snapshot pg_snapshot, p_passed xid[]) returns xid8 language sql volatile as $fn$
  select coalesce(min(x), pg_snapshot_xmax(p_snapshot))
    from pg_snapshot_xip(p_snapshot) x
   where not (xid(x) = any(p_passed) and pg_xact_status(x) = 'in progress')
$fn$;
`;

/** The released function's look, kept as it was; what it found is handed to es_horizon_passing. */
const readHorizonPassing = [
  (sql: string) => replaceOnce(sql, 'create function es_read_horizon', 'create or replace function es_read_horizon'),
  (sql: string) => replaceOnce(sql, '  v_horizon xid8;\n', '  v_passed xid[];\n'),
  (sql: string) =>
    replaceOnce(
      sql,
      '  ), bystanders as (\n    select t.transactionid from locks t\n',
      "  )\n  select coalesce(array_agg(t.transactionid), '{}') into v_passed from locks t\n",
    ),
  (sql: string) =>
    replaceOnce(
      sql,
      `current_database()))
  )
  select coalesce(min(x), pg_snapshot_xmax(p_snapshot)) into v_horizon
    from pg_snapshot_xip(p_snapshot) x
   where xid(x) not in (select transactionid from bystanders);
  return v_horizon;
`,
      `current_database()));
  -- A statement of its own, so the commit log is read after the look (see above).
  return es_horizon_passing(p_snapshot, v_passed);
`,
    ),
].reduce((sql, change) => change(sql), readHorizon);

export const horizonPastCommitsMigration: Migration = {
  id: 'eventstore/015-horizon-past-commits',
  sql: `${horizonPassing}\n${readHorizonPassing}`,
};
