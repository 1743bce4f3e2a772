import type { Migration } from '@koppelhub/eventstore';

/**
 * Per (client, package): the package's own id for the client and the hash of the payload last
 * accepted there, as that package sees it (packageView; the external-id table), plus what the dispatcher wants there now and how the last
 * attempt went (the operators' sync status). Independent of the read models: rebuilding those never
 * re-sends anything.
 */
export const syncMigrations: Migration[] = [
  {
    id: 'sync/001-deliveries',
    sql: `
      create table sync_deliveries (
        client_id uuid not null,
        package text not null,
        desired_hash text not null,
        desired_position bigint not null,
        pushed_hash text,
        external_id text,
        status text not null check (status in ('pending', 'pushed', 'failed')),
        message text,
        attempts int not null default 0,
        updated_at timestamptz not null default now(),
        primary key (client_id, package)
      );
      create index sync_deliveries_status on sync_deliveries (status) where status <> 'pushed';
    `,
  },
  {
    // A failed delivery was either refused by the package or given up after its retries; only the
    // latter can succeed by itself later (e.g. once its invoice-to target has landed).
    id: 'sync/002-refused',
    sql: `alter table sync_deliveries add column refused boolean not null default false;`,
  },
  {
    // A job that finds its client no longer to be pushed settles the delivery as skipped.
    id: 'sync/003-skipped',
    sql: `
      alter table sync_deliveries drop constraint sync_deliveries_status_check;
      alter table sync_deliveries add constraint sync_deliveries_status_check
        check (status in ('pending', 'pushed', 'failed', 'skipped'));
    `,
  },
  {
    // The key a package filed the client under, where it comes from data that can change
    // (Twinfield's debtor code): a new one means the record under the former key must be retired.
    id: 'sync/004-external-key',
    sql: `alter table sync_deliveries add column external_key text;`,
  },
  {
    // The queue job that carries the delivery's current wish. Jobs hold several clients, named
    // after their members: a re-drive of what the queue lost must rebuild the same job, not add a
    // second one for a member whose job is still waiting.
    id: 'sync/005-job-id',
    sql: `alter table sync_deliveries add column job_id text;`,
  },
  {
    // Keys a push was sent under (recorded before it went) whose answer was never recorded: a
    // timeout or a crash may have left the client filed there too, which the next push retires.
    id: 'sync/006-unconfirmed-keys',
    sql: `alter table sync_deliveries add column unconfirmed_keys text[] not null default '{}';`,
  },
];
