import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  type Database,
  eventStoreMigrations,
  inTransaction,
  type NewEvent,
  PostgresEventStore,
  type StreamAppend,
} from '@koppelhub/eventstore';
import { describeOnPostgres, openTestDatabase, type TestDatabaseKind } from '../../../eventstore/src/testing/test-database';
import { clientSearchProjection } from '../client-search/client-search.projection';
import { clusterMembershipProjection } from '../cluster-view/cluster-membership.projection';
import { findClusterView } from '../cluster-view/cluster-view.queries';
import { projectionMigrations } from '../migrations/projections.migrations';
import { applyBatch } from './row-projection';
import { ProjectionRunner, RebuildAlreadyRunning, RebuildOutOfShape, RebuildStopped, rebuildLockKey } from './projection-runner';
import { newEvent } from '../../../eventstore/src/testing/event-store.contract';
import { eventually } from '../../../eventstore/src/testing/eventually';
import { appendUncommitted } from '../../../eventstore/src/testing/uncommitted-append';

const meta = { actor: 'test', commandId: 'c', correlationId: 'c' };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
const details = (name: string, city = 'Utrecht') => ({
  searchName: name.toUpperCase(),
  company: { statutoryName: `${name} B.V.` },
  address: { street: 'Straat', houseNumber: '1', postcode: '1234 AB', city, country: 'NL' },
  packages: [],
});

/** A company registered under its name as client number; its id and the event as recorded. */
async function registerCompany(store: PostgresEventStore, name: string) {
  const clientId = randomUUID();
  const { events } = await store.append([{ stream: `client-${clientId}`, expectedVersion: 'no_stream', events: [
    event('ClientRegistered', { clientId, kind: 'company', clientNumber: name, status: 'Prospect', details: details(name) }),
  ] }]);
  return { clientId, recorded: events[0]! };
}

/** A row of a table as read, every column. */
type TableRow = Record<string, unknown>;

/**
 * Client search kept live by its runner over the rounds of appends (each sent 500 streams at a
 * time), handed to `test` once the runner has them all, with its rows as they then stand; closed
 * again after.
 */
async function withLiveClientSearch(
  kind: TestDatabaseKind,
  rounds: readonly StreamAppend[][],
  test: (given: { database: Database; runner: ProjectionRunner; rows: () => Promise<TableRow[]>; live: TableRow[] }) => Promise<void>,
): Promise<void> {
  const { database, dispose } = await openTestDatabase(kind, [...eventStoreMigrations, ...projectionMigrations]);
  const store = await PostgresEventStore.open(database);
  const runner = new ProjectionRunner(database, store, clientSearchProjection);
  try {
    runner.start();
    for (const appends of rounds) {
      for (let start = 0; start < appends.length; start += 500) await store.append(appends.slice(start, start + 500));
    }
    await runner.waitFor(await store.headPosition(), 60_000);
    const rows = async () => (await database.pool.query<TableRow>('select * from rm_client_search order by client_id')).rows;
    await test({ database, runner, rows, live: await rows() });
  } finally {
    await runner.stop();
    await store.close();
    await dispose();
  }
}

function suite(kind: TestDatabaseKind) {
  it('a rebuild from position 0 yields the same rows as the live projections, and a replayed batch changes nothing', async () => {
    const { database, dispose } = await openTestDatabase(kind, [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const runners = [clientSearchProjection, clusterMembershipProjection].map((p) => new ProjectionRunner(database, store, p));
    try {
      runners.forEach((r) => r.start());
      // Given a history with registrations (one name with a tab, a backslash and a line break, which
      // a rebuild's COPY must escape), changes, heads, members joining and leaving
      const ids = Array.from({ length: 12 }, () => randomUUID());
      for (const [i, id] of ids.entries()) {
        const name = i === 2 ? 'Tab\there \\ back\nslash' : `Firm${i}`;
        await store.append([{ stream: `client-${id}`, expectedVersion: 'no_stream', events: [
          event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: `3${i}`, status: 'Prospect', details: details(name) }),
        ] }]);
      }
      await store.append([{ stream: `client-${ids[0]}`, expectedVersion: 1, events: [
        event('ClientDetailsChanged', { clientId: ids[0], details: details('Renamed', 'Zwolle'), changedFields: ['searchName'] }),
        event('ClusterHeadDesignated', { clientId: ids[0] }),
      ] }]);
      for (const id of ids.slice(1, 6)) {
        await store.append([{ stream: `client-${id}`, expectedVersion: 1, events: [event('JoinedCluster', { clientId: id, headId: ids[0] })] }]);
      }
      await store.append([{ stream: `client-${ids[3]}`, expectedVersion: 2, events: [event('LeftCluster', { clientId: ids[3], headId: ids[0] })] }]);
      const head = await store.headPosition();
      await Promise.all(runners.map((r) => r.waitFor(head)));

      const snapshot = async () => ({
        search: (await database.pool.query('select * from rm_client_search order by client_id')).rows,
        clusters: (await database.pool.query('select * from rm_cluster_membership order by client_id')).rows,
      });
      const live = await snapshot();
      expect(live.search).toHaveLength(12);
      expect(live.search.map((row) => row.name)).toContain('Tab\there \\ back\nslash B.V.');
      expect((await findClusterView(database.pool, ids[1]))?.memberCount).toBe(4);

      const indexNames = async () =>
        (await database.pool.query<{ indexname: string; indexdef: string }>(
          `select indexname, indexdef from pg_indexes
            where schemaname = current_schema() and tablename in ('rm_client_search', 'rm_cluster_membership') order by indexname`,
        )).rows.map((r) => `${r.indexname}: ${r.indexdef}`);
      const namesBefore = await indexNames();

      // When every projection is rebuilt from position 0, twice
      for (const runner of runners) await runner.rebuild();
      for (const runner of runners) await runner.rebuild();

      // Then the rows are the same, and so are the indexes, names and all (later migrations may name them)
      expect(await snapshot()).toEqual(live);
      expect(await indexNames()).toEqual(namesBefore);

      // And applying the whole log once more, as a retried batch would, changes nothing
      const all = await store.readAll({ limit: 10_000 });
      await inTransaction(database.pool, async (tx) => {
        await applyBatch(tx, clientSearchProjection, all);
        await applyBatch(tx, clusterMembershipProjection, all);
      });
      expect(await snapshot()).toEqual(live);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await store.close();
      await dispose();
    }
  });

  it('given a live runner whose table and checkpoint a rebuild elsewhere set back, then it reads again from there and misses nothing', async () => {
    const { database, dispose } = await openTestDatabase(kind, [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const live = new ProjectionRunner(database, store, clientSearchProjection);
    const register = async (name: string) => {
      const { clientId, recorded } = await registerCompany(store, name);
      await live.waitFor(recorded.position, 5_000);
      return clientId;
    };
    try {
      // Given a live runner that handled two registrations
      live.start();
      const first = await register('First');
      const checkpointAfterFirst = (await database.pool.query(
        `select transaction_id::text as tx, global_position from es_checkpoints where subscription_id = 'projection-client-search'`,
      )).rows[0];
      const second = await register('Second');
      // When a rebuild in another process swaps in a table built up to the first, with its checkpoint
      await database.pool.query('delete from rm_client_search where client_id = $1', [second]);
      await database.pool.query(
        `update es_checkpoints set transaction_id = $1::xid8, global_position = $2 where subscription_id = 'projection-client-search'`,
        [checkpointAfterFirst.tx, checkpointAfterFirst.global_position],
      );
      // and a third registration comes
      const third = await register('Third');

      // Then the live runner, finding its checkpoint set back, took the second again as well
      const { rows } = await database.pool.query('select client_id from rm_client_search order by client_number');
      expect(rows.map((row) => row.client_id)).toEqual([first, second, third]);
    } finally {
      await live.stop();
      await store.close();
      await dispose();
    }
  });

  it('a rebuild spanning several batches folds later events into the rows it wrote earlier, as the live projection did', async () => {
    // Given 3,000 clients registered, then each renamed and every third one accepted: more than a
    // rebuild's batch of 5,000 events, so the second batch changes rows the first one wrote
    const ids = Array.from({ length: 3000 }, () => randomUUID());
    const registered: StreamAppend[] = ids.map((id, i) => ({ stream: `client-${id}`, expectedVersion: 'no_stream', events: [
      event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: `9${i}`, status: 'Prospect', details: details(`Firm${i}`) }),
    ] }));
    const renamed: StreamAppend[] = ids.map((id, i) => ({ stream: `client-${id}`, expectedVersion: 1, events: [
      event('ClientDetailsChanged', { clientId: id, details: details(`Renamed${i}`, 'Zwolle'), changedFields: ['searchName'] }),
      ...(i % 3 === 0 ? [event('ClientStatusChanged', { clientId: id, to: 'Klantaanvraag' })] : []),
    ] }));
    await withLiveClientSearch(kind, [registered, renamed], async ({ runner, rows, live }) => {
      expect(live.filter((row) => row.status === 'Klantaanvraag')).toHaveLength(1000);

      // When it is rebuilt from position 0
      await runner.rebuild(60_000);

      // Then every row is the one the live projection built
      expect(await rows()).toEqual(live);
    });
  }, 120_000);

  it('given a log that comes back to every client page after page, when rebuilt, then the rows are the live ones, all written by the last write of its first pass', async () => {
    // Given 3,000 clients registered, then renamed three times over, a round at a time: 12,000
    // events, three pages of a rebuild, each touching rows the pages before it wrote
    const ids = Array.from({ length: 3000 }, () => randomUUID());
    const rounds = [0, 1, 2, 3].map((round): StreamAppend[] =>
      ids.map((id, i) => ({
        stream: `client-${id}`,
        expectedVersion: round === 0 ? 'no_stream' : round,
        events: [
          round === 0
            ? event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: `7${i}`, status: 'Prospect', details: details(`Firm${i}`) })
            : event('ClientDetailsChanged', { clientId: id, details: details(`Firm${i}R${round}`), changedFields: ['searchName'] }),
        ],
      })),
    );
    await withLiveClientSearch(kind, rounds, async ({ database, runner, rows, live }) => {
      // When it is rebuilt from position 0
      await runner.rebuild(60_000);

      // Then every row is the one the live projection built
      expect(await rows()).toEqual(live);
      // ... and all of them were written by one transaction: the first pass held the rows back
      // once the second page overwrote the first's, and wrote the table anew at the end (page by
      // page, the third page would have overwritten 2,000 of them and left 1,000 of the second's)
      const writers = await database.pool.query('select count(distinct xmin::text)::int as writers from rm_client_search');
      expect(writers.rows[0].writers).toBe(1);
    });
  }, 120_000);
}

describeOnPostgres('a rebuild swapping tables while another process applies a batch (PostgreSQL)', () => {
  it('given a live runner elsewhere holding its checkpoint mid-batch, when the swap comes, then it waits and neither fails', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const live = new ProjectionRunner(database, store, clientSearchProjection);
    const elsewhere = await database.pool.connect();
    try {
      // Given a read model with a checkpoint of its own
      live.start();
      const id = randomUUID();
      await store.append([{ stream: `client-${id}`, expectedVersion: 'no_stream', events: [
        event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: '77', status: 'Prospect', details: details('Firm') }),
      ] }]);
      await live.waitFor(await store.headPosition());
      await live.stop();
      // and the runner of another process in the middle of a batch: its checkpoint row held
      await elsewhere.query('begin');
      await elsewhere.query(`select 1 from es_checkpoints where subscription_id = 'projection-client-search' for update`);

      // When a rebuild reaches its swap, and waits
      const rebuilt = live.rebuild();
      const waiting = async () =>
        (await database.pool.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).rows[0].n > 0;
      while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 20));
      // while the other runner writes its table and commits
      const written = elsewhere.query('select count(*) from rm_client_search').then(() => elsewhere.query('commit'));

      // Then both go through, one after the other: no deadlock aborts either
      await expect(written).resolves.toBeDefined();
      await expect(rebuilt).resolves.toBeUndefined();
      expect((await database.pool.query('select client_id from rm_client_search')).rows).toEqual([{ client_id: id }]);
    } finally {
      elsewhere.release();
      await live.stop();
      await store.close();
      await dispose();
    }
  });
});

describeOnPostgres('a rebuild beside a live runner in another process (PostgreSQL)', () => {
  it('given the live runner handling an event while the swap waits, then the swap gives way, takes that event too, and then swaps', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const elsewhere = await database.pool.connect();
    const register = (name: string) => registerCompany(store, name);
    try {
      // Given a read model kept by a runner in another process (here: started, then left to the test)
      const api = new ProjectionRunner(database, store, clientSearchProjection);
      api.start();
      const first = await register('First');
      await api.waitFor(first.recorded.position);
      await api.stop();
      // and that runner in the middle of a batch: its checkpoint row held
      await elsewhere.query('begin');
      await elsewhere.query(`select 1 from es_checkpoints where subscription_id = 'projection-client-search' for update`);

      // When a rebuild here reaches its swap and waits
      const cli = new ProjectionRunner(database, store, clientSearchProjection);
      const rebuilt = cli.rebuild();
      const waiting = async () =>
        (await database.pool.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).rows[0].n > 0;
      while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 20));
      // while the other runner handles a registration the rebuild has not seen, and commits
      const second = await register('Second');
      await elsewhere.query(`update es_checkpoints set transaction_id = $1::xid8, global_position = $2 where subscription_id = 'projection-client-search'`, [
        second.recorded.transactionId,
        second.recorded.position,
      ]);
      await elsewhere.query('commit');

      // Then the rebuilt table has both, and the checkpoint is where the other runner had got to
      await rebuilt;
      const { rows } = await database.pool.query('select client_id from rm_client_search order by client_number');
      expect(rows.map((row) => row.client_id)).toEqual([first.clientId, second.clientId]);
      const checkpoint = await database.pool.query(`select global_position from es_checkpoints where subscription_id = 'projection-client-search'`);
      expect(Number(checkpoint.rows[0].global_position)).toBe(second.recorded.position);
    } finally {
      elsewhere.release();
      await store.close();
      await dispose();
    }
  });
});

describeOnPostgres('one rebuild of a read model at a time (PostgreSQL)', () => {
  it('given a rebuild of client search running elsewhere, when another is started, then it is refused and the table left alone; once that one is done it goes', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const runner = new ProjectionRunner(database, store, clientSearchProjection);
    const elsewhere = await database.pool.connect();
    try {
      const id = randomUUID();
      await store.append([{ stream: `client-${id}`, expectedVersion: 'no_stream', events: [
        event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: '78', status: 'Prospect', details: details('Firm') }),
      ] }]);
      // Given another process in the middle of rebuilding client search
      await elsewhere.query(`select pg_advisory_lock(hashtextextended($1, 0))`, [rebuildLockKey(database.schema, 'rm_client_search')]);
      await database.pool.query('create table rm_client_search_rebuild (like rm_client_search including all)');

      // When a rebuild is started here, then it is refused, and the other's fresh table is still there
      await expect(runner.rebuild()).rejects.toBeInstanceOf(RebuildAlreadyRunning);
      expect((await database.pool.query(`select to_regclass('rm_client_search_rebuild') as fresh`)).rows[0].fresh).not.toBeNull();

      // And once the other is done, it goes
      await database.pool.query('drop table rm_client_search_rebuild');
      await elsewhere.query(`select pg_advisory_unlock(hashtextextended($1, 0))`, [rebuildLockKey(database.schema, 'rm_client_search')]);
      await runner.rebuild();
      expect((await database.pool.query('select client_id from rm_client_search')).rows).toEqual([{ client_id: id }]);
    } finally {
      elsewhere.release();
      await runner.stop();
      await store.close();
      await dispose();
    }
  });
});

describeOnPostgres('rebuilds of one read model in two schemas of a server (PostgreSQL)', () => {
  it('given a rebuild of client search held up in another schema, when one is started here, then it goes', async () => {
    const [here, there] = await Promise.all([0, 1].map(() => openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations])));
    const stores = await Promise.all([here, there].map(({ database }) => PostgresEventStore.open(database)));
    const [runnerHere, runnerThere] = [here, there].map(({ database }, i) => new ProjectionRunner(database, stores[i]!, clientSearchProjection));
    const late = await there.database.connect(`rebuild-there-${randomUUID().slice(0, 8)}`);
    try {
      // Given a rebuild of client search in the other schema, waiting behind a transaction still open
      const { clientId } = await registerCompany(stores[0]!, 'Hier');
      await appendUncommitted(late, there.database.schema, newEvent('Late'));
      await registerCompany(stores[1]!, 'Daar');
      const rebuildingThere = runnerThere.rebuild();
      rebuildingThere.catch(() => undefined);
      await eventually(
        async () => (await there.database.pool.query(`select to_regclass('rm_client_search_rebuild') is not null as made`)).rows[0].made,
        (made) => made === true,
      );

      // When client search is rebuilt here
      await runnerHere.rebuild();

      // Then it went, though the other still runs
      expect((await here.database.pool.query('select client_id from rm_client_search')).rows).toEqual([{ client_id: clientId }]);
      await runnerThere.stop();
      await expect(rebuildingThere).rejects.toBeInstanceOf(RebuildStopped);
    } finally {
      await late.query('rollback');
      await late.end();
      await Promise.all([runnerHere, runnerThere].map((runner) => runner.stop()));
      await Promise.all(stores.map((store) => store.close()));
      await Promise.all([here, there].map(({ dispose }) => dispose()));
    }
  });
});

describeOnPostgres('a rebuild when its runner stops (PostgreSQL)', () => {
  it('given a rebuild waiting on a transaction still open, when the runner stops, then the rebuild gives up, swaps nothing and starts nothing again', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const runner = new ProjectionRunner(database, store, clientSearchProjection);
    const late = await database.connect(`rebuild-late-${randomUUID().slice(0, 8)}`);
    try {
      // Given a live read model of one client, and a rebuild held behind a transaction still open
      runner.start();
      const { clientId } = await registerCompany(store, 'Eerste');
      await runner.waitFor(await store.headPosition());
      await appendUncommitted(late, database.schema, newEvent('Late'));
      await registerCompany(store, 'Tweede');
      const rebuilding = runner.rebuild();
      rebuilding.catch(() => undefined);
      await eventually(
        async () => (await database.pool.query(`select to_regclass('rm_client_search_rebuild') is not null as made`)).rows[0].made,
        (made) => made === true,
      );

      // When the runner stops
      await runner.stop();

      // Then the rebuild gives up, the live rows stay, and nothing runs again
      await expect(rebuilding).rejects.toBeInstanceOf(RebuildStopped);
      expect((await database.pool.query('select client_id from rm_client_search')).rows).toEqual([{ client_id: clientId }]);
      expect(runner.isRunning).toBe(false);
    } finally {
      await late.query('rollback');
      await late.end();
      await runner.stop();
      await store.close();
      await dispose();
    }
  });
});

describeOnPostgres('a rebuild and the privileges on the read model (PostgreSQL)', () => {
  it('given a reporting role that may read a read model, when it is rebuilt, then the role still may, and no more', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const runner = new ProjectionRunner(database, store, clientSearchProjection);
    const role = `reporting_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const privileges = async () =>
      (
        await database.pool.query<{ privilege_type: string; is_grantable: boolean }>(
          `select a.privilege_type, a.is_grantable from pg_class c, aclexplode(c.relacl) a
            where c.oid = 'rm_client_search'::regclass and a.grantee = $1::regrole order by 1`,
          [role],
        )
      ).rows;
    try {
      // Given a role that may read the client search, and grant that on
      await database.pool.query(`create role ${role} nologin`);
      await database.pool.query(`grant select on rm_client_search to ${role} with grant option`);
      const id = randomUUID();
      await store.append([{ stream: `client-${id}`, expectedVersion: 'no_stream', events: [
        event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: '78', status: 'Prospect', details: details('Firm') }),
      ] }]);

      // When the read model is rebuilt
      await runner.rebuild();

      // Then the role holds the same privilege on the new table, and nothing else
      expect(await privileges()).toEqual([{ privilege_type: 'SELECT', is_grantable: true }]);
      expect((await database.pool.query('select client_id from rm_client_search')).rows).toEqual([{ client_id: id }]);
    } finally {
      await runner.stop();
      await store.close();
      await dispose();
      await dropRole(role);
    }
  });
});

/** Roles belong to the cluster, not to the suite's schema: drop it on its own connection. */
async function dropRole(role: string): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop role if exists ${role}`);
  } finally {
    await client.end();
  }
}

function migratedMeanwhile(kind: TestDatabaseKind) {
  it('given a migration of the live table while a rebuild runs, when the rebuild would swap, then it refuses and the migrated table stays', async () => {
    const { database, dispose } = await openTestDatabase(kind, [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const runner = new ProjectionRunner(database, store, clientSearchProjection);
    try {
      runner.start();
      const { clientId, recorded } = await registerCompany(store, 'Firm');
      await runner.waitFor(recorded.position);
      // Given a deploy's migration adding a column to the live table once the rebuild made its own
      const head = store.headPosition.bind(store);
      jest.spyOn(store, 'headPosition').mockImplementationOnce(async () => {
        await database.pool.query('alter table rm_client_search add column note text');
        return head();
      });

      // When the rebuild comes to its swap, then it refuses, naming why
      await expect(runner.rebuild()).rejects.toBeInstanceOf(RebuildOutOfShape);

      // And the live table keeps the column and its rows, and the live runner goes on
      expect((await database.pool.query('select client_id, note from rm_client_search')).rows).toEqual([{ client_id: clientId, note: null }]);
      const later = await registerCompany(store, 'Later');
      await runner.waitFor(later.recorded.position);
      expect((await database.pool.query('select count(*)::int as n from rm_client_search')).rows[0].n).toBe(2);
    } finally {
      await runner.stop();
      await store.close();
      await dispose();
    }
  });
}

describe('projection rebuild across a migration on PGlite', () => migratedMeanwhile('pglite'));
describeOnPostgres('projection rebuild across a migration on PostgreSQL', () => migratedMeanwhile('postgres'));

describe('projection rebuild on PGlite', () => suite('pglite'));
describeOnPostgres('projection rebuild on PostgreSQL', () => suite('postgres'));
