import { appendNewHeadsMigration } from './append-new-heads.migration';
import type { Migration } from './migration';
import { replaceOnce } from './replace-once';

/**
 * How far a reader in delivery order may go: below the oldest transaction in flight that writes to
 * the log. Until now it went below the oldest transaction in flight of any kind, and PostgreSQL
 * hands out transaction ids for the whole server: a report held open in another database, or a
 * transaction of this database that never touches the log, stopped every subscription until it
 * ended.
 *
 * A transaction that writes events holds a lock on es_events to its end, as settledPosition reads
 * it. So of the transactions in the reader's snapshot, one that is still running at the look at
 * pg_locks and holds no lock on es_events (beyond a read's) is passed over; every other one, and
 * one that ended between the snapshot and the look, still holds the reader back. That is sound as
 * long as a transaction locks es_events before it takes its id, which es_append_batch now checks
 * (below): a transaction passed over can then only take the lock, and append, with an id the
 * snapshot has not reached yet.
 *
 * `p_snapshot` is the snapshot the caller's statement reads with (its pg_current_snapshot()), taken
 * before this function looks at pg_locks. With no transaction in flight, pg_locks is not read.
 */
export const readHorizon = `
create function es_read_horizon(p_snapshot pg_snapshot) returns xid8 language plpgsql volatile as $fn$
declare
  v_horizon xid8;
begin
  if not exists (select from pg_snapshot_xip(p_snapshot)) then
    return pg_snapshot_xmax(p_snapshot);
  end if;
  with locks as materialized (
    select locktype, database, relation, transactionid, virtualtransaction, mode, granted from pg_locks
  ), bystanders as (
    select t.transactionid from locks t
     where t.locktype = 'transactionid' and t.mode = 'ExclusiveLock' and t.granted
       and not exists (
         select from locks w
          where w.virtualtransaction = t.virtualtransaction and w.locktype = 'relation'
            and w.relation = 'es_events'::regclass and w.mode <> 'AccessShareLock'
            and w.database = (select oid from pg_database where datname = current_database()))
  )
  select coalesce(min(x), pg_snapshot_xmax(p_snapshot)) into v_horizon
    from pg_snapshot_xip(p_snapshot) x
   where xid(x) not in (select transactionid from bystanders);
  return v_horizon;
end
$fn$;
`;

const firstWriteCheck = `
begin
  -- es_read_horizon passes over a transaction that holds an id but no lock on es_events: an append
  -- must be its transaction's first write, or follow an earlier append of the same transaction.
  if pg_current_xact_id_if_assigned() is not null and not exists (
       select from pg_locks
        where pid = pg_backend_pid() and locktype = 'relation' and relation = 'es_events'::regclass
          and mode <> 'AccessShareLock' and database = (select oid from pg_database where datname = current_database())) then
    raise exception 'an append must be the first write of its transaction'
      using errcode = '25000', hint = 'append before writing anything else in the transaction, or in a transaction of its own';
  end if;
  if p_channel is not null`;

/** `es_append_batch` as this migration leaves it; a later one derives its own from it. */
export const appendFirstWrite = replaceOnce(appendNewHeadsMigration.sql, '\nbegin\n  if p_channel is not null', firstWriteCheck);

export const readHorizonMigration: Migration = {
  id: 'eventstore/013-read-horizon',
  sql: `${readHorizon}\n${appendFirstWrite}`,
};
