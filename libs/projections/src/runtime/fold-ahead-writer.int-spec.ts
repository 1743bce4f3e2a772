import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  type Checkpoint,
  eventStoreMigrations,
  inTransaction,
  PostgresCheckpointStore,
  PostgresEventStore,
  type RecordedEvent,
  START_CHECKPOINT,
  type StreamAppend,
} from '@koppelhub/eventstore';
import { hasSettled } from '../../../eventstore/src/testing/has-settled';
import { readAllSettled } from '../../../eventstore/src/testing/read-all-settled';
import { describeOnPostgres, openTestDatabase, postgresUrl } from '../../../eventstore/src/testing/test-database';
import { clientSearchProjection } from '../client-search/client-search.projection';
import type { ClientSearchRow } from '../client-search/client-search.row';
import { projectionMigrations } from '../migrations/projections.migrations';
import { companyRegistered, companyRenamed } from '../testing/company-events';
import { eventually } from '../../../eventstore/src/testing/eventually';
import { FoldAheadWriter } from './fold-ahead-writer';
import { ProjectionRunner } from './projection-runner';
import { applyBatch, type RowProjection } from './row-projection';
import { WrittenRows } from './written-rows';

const SUBSCRIPTION = 'fold-ahead-test';

const checkpointOf = (events: readonly RecordedEvent[]): Checkpoint => {
  const last = events[events.length - 1];
  return { transactionId: last.transactionId, position: last.position };
};

/** Given two clients registered in one batch and renamed in the next: the second batch folds on rows the first writes. */
async function twoBatches() {
  const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
  const store = await PostgresEventStore.open(database);
  const [a, b] = [randomUUID(), randomUUID()];
  await store.append([
    { stream: `client-${a}`, expectedVersion: 'no_stream', events: [companyRegistered(a, 'A')] },
    { stream: `client-${b}`, expectedVersion: 'no_stream', events: [companyRegistered(b, 'B')] },
  ]);
  await store.append([
    { stream: `client-${a}`, expectedVersion: 1, events: [companyRenamed(a, 'A2')] },
    { stream: `client-${b}`, expectedVersion: 1, events: [companyRenamed(b, 'B2')] },
  ]);
  const events = await readAllSettled(store, 4);
  const checkpoints = new PostgresCheckpointStore(database.pool);
  const writer = (written = new WrittenRows<ClientSearchRow>()) => {
    const made = new FoldAheadWriter(database, clientSearchProjection, checkpoints, SUBSCRIPTION, written);
    made.resumeFrom(START_CHECKPOINT);
    return made;
  };
  const names = async () => (await database.pool.query('select search_name from rm_client_search order by search_name')).rows.map((row) => row.search_name);
  const lockers: Client[] = [];
  /** Another transaction holding the table in share mode until `release`: writes to it wait. */
  const holdTable = async () => {
    const locker = new Client({ connectionString: postgresUrl, options: `-c search_path=${database.schema}` });
    lockers.push(locker);
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table rm_client_search in share mode');
    return {
      rowCount: async () => (await locker.query('select count(*)::int as count from rm_client_search')).rows[0].count as number,
      /**
       * The one statement (like `pattern`) waiting on a lock, once there is one. Asked from the
       * pool, outside any transaction: within one, the server answers from what it saw first.
       */
      waitingStatement: async (pattern: string): Promise<string> => {
        const waiting = () => database.pool.query<{ query: string }>(`select query from pg_stat_activity where wait_event_type = 'Lock' and query like $1`, [pattern]);
        const { rows } = await eventually(waiting, ({ rows: found }) => found.length === 1);
        return rows[0].query;
      },
      release: async () => void (await locker.query('commit')),
    };
  };
  return {
    database,
    batches: [events.slice(0, 2), events.slice(2)] as const,
    writer,
    names,
    holdTable,
    storedCheckpoint: () => checkpoints.load(SUBSCRIPTION),
    close: async () => {
      for (const locker of lockers) await locker.end();
      await store.close();
      await dispose();
    },
  };
}

describeOnPostgres('a rebuild writing one batch while it folds the next (PostgreSQL)', () => {
  it('given the first batch held up by a lock on the table, when the second is taken, then it is folded at once, and both are written in order once the lock goes', async () => {
    const given = await twoBatches();
    try {
      // Given a table another transaction holds, so that the first batch's write waits
      const held = await given.holdTable();
      const writer = given.writer();
      const [first, second] = given.batches;
      const firstTaken = await writer.take(first, checkpointOf(first));

      // When the second batch is taken
      const secondTaken = await writer.take(second, checkpointOf(second));

      // Then it was folded while the first still waits, and nothing is written yet
      expect(await hasSettled(firstTaken.committed)).toBe(false);
      expect(await held.rowCount()).toBe(0);

      // And once the lock goes, both commit, the second on the rows of the first
      await held.release();
      await Promise.all([firstTaken.committed, secondTaken.committed]);
      expect(await given.names()).toEqual(['A2', 'B2']);
      expect((await given.storedCheckpoint()).position).toBe(checkpointOf(second).position);
    } finally {
      await given.close();
    }
  });

  it('given the table held by a lock, when a batch is written, then the server has its checkpoint move and its COPY as one query, sent in one round trip', async () => {
    const given = await twoBatches();
    try {
      // Given a table another transaction holds
      const held = await given.holdTable();

      // When a batch is written
      const [first] = given.batches;
      const taken = await given.writer().take(first, checkpointOf(first));

      // Then the writing connection waits in one query that moves the checkpoint and copies the rows
      const writing = await held.waitingStatement('%fold-ahead-test%rm_client_search%');
      expect(writing).toMatch(/^select es_advance_checkpoint\('fold-ahead-test', .*;\ncopy rm_client_search \(.*\) from stdin$/s);

      // And once the lock goes, both are stored
      await held.release();
      await taken.committed;
      expect(await given.names()).toEqual(['A', 'B']);
      expect((await given.storedCheckpoint()).position).toBe(checkpointOf(first).position);
    } finally {
      await given.close();
    }
  });

  it('given a batch that overwrites rows written before, when it is written, then it too goes in one query, its rows as COPY data, never in the statement text a server logs', async () => {
    const given = await twoBatches();
    try {
      // Given the first batch written, and the table then held by another transaction
      const writer = given.writer();
      const [first, second] = given.batches;
      await (await writer.take(first, checkpointOf(first))).committed;
      const held = await given.holdTable();

      // When the second batch, which renames both clients, is written
      const taken = await writer.take(second, checkpointOf(second));

      // Then the one query waiting on the table moves the checkpoint and upserts from copied rows, and holds none of them
      const writing = await held.waitingStatement('%fold-ahead-test%into rm_client_search %');
      expect(writing).toMatch(/^select es_advance_checkpoint\(.*\ncopy rm_client_search_upserts \(.*\) from stdin;\ninsert into rm_client_search \(/s);
      expect(writing).not.toMatch(/A2|B2/);

      // And once the lock goes, the rows are renamed and the checkpoint moved
      await held.release();
      await taken.committed;
      expect(await given.names()).toEqual(['A2', 'B2']);
      expect((await given.storedCheckpoint()).position).toBe(checkpointOf(second).position);
    } finally {
      await given.close();
    }
  });

  it('given the first batch fails on the table, when the second was folded on it meanwhile, then neither is written, and taken again from the stored checkpoint they read the table and write both', async () => {
    const given = await twoBatches();
    try {
      // Given a table already holding A, which the writer's memory believes empty: the first batch's COPY fails
      await inTransaction(given.database.pool, (tx) => applyBatch(tx, clientSearchProjection, given.batches[0].slice(0, 1)));
      const written = new WrittenRows<ClientSearchRow>();
      const writer = given.writer(written);
      const [first, second] = given.batches;

      // When both batches are taken, the second folded before the first has failed
      const firstTaken = await writer.take(first, checkpointOf(first));
      const secondTaken = await writer.take(second, checkpointOf(second));

      // Then both fail, and neither wrote anything: the checkpoint stays at the start
      await expect(firstTaken.committed).rejects.toMatchObject({ code: '23505' });
      await expect(secondTaken.committed).rejects.toMatchObject({ code: '23505' });
      expect(await given.names()).toEqual(['A']);
      expect(await given.storedCheckpoint()).toEqual(START_CHECKPOINT);

      // And taken again from the stored checkpoint, the memory forgotten, A is read and both batches written
      writer.resumeFrom(await given.storedCheckpoint());
      await (await writer.take(first, checkpointOf(first))).committed;
      await (await writer.take(second, checkpointOf(second))).committed;
      expect(await given.names()).toEqual(['A2', 'B2']);
      expect((await given.storedCheckpoint()).position).toBe(checkpointOf(second).position);
    } finally {
      await given.close();
    }
  });

  /**
   * Given 6,000 clients registered and then renamed (three of a rebuild's batches of 5,000 events),
   * folded live by a runner of `projection` (client search, or one that watches it).
   */
  async function sixThousandClientsLive(projection: RowProjection<ClientSearchRow> = clientSearchProjection) {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const runner = new ProjectionRunner(database, store, projection);
    runner.start();
    const ids = Array.from({ length: 6000 }, () => randomUUID());
    const registrations: StreamAppend[] = ids.map((id, i) => ({ stream: `client-${id}`, expectedVersion: 'no_stream', events: [companyRegistered(id, `R${i}`)] }));
    const renames: StreamAppend[] = ids.map((id, i) => ({ stream: `client-${id}`, expectedVersion: 1, events: [companyRenamed(id, `Renamed${i}`)] }));
    for (const appends of [registrations, renames]) {
      for (let start = 0; start < appends.length; start += 1000) await store.append(appends.slice(start, start + 1000));
    }
    await runner.waitFor(await store.headPosition(), 60_000);
    const rows = async () => (await database.pool.query('select * from rm_client_search order by client_id')).rows;
    return {
      database,
      runner,
      rows,
      live: await rows(),
      close: async () => {
        await runner.stop();
        await store.close();
        await dispose();
      },
    };
  }

  it('given a rebuild whose first batch cannot commit yet, then the second is folded meanwhile, and the rebuild ends with the live rows', async () => {
    // Given client search, watched for the events it folds, live over three batches of the log
    let folded = 0;
    const watched: RowProjection<ClientSearchRow> = {
      ...clientSearchProjection,
      evolve: (row, event, key) => {
        folded++;
        return clientSearchProjection.evolve(row, event, key);
      },
    };
    const given = await sixThousandClientsLive(watched);
    const blocker = new Client({ connectionString: postgresUrl, options: `-c search_path=${given.database.schema}` });
    await blocker.connect();
    try {
      // and the rebuild's first checkpoint row taken by a transaction still open, so its first batch waits to commit
      await blocker.query('begin');
      await blocker.query(`insert into es_checkpoints (subscription_id, transaction_id, global_position) values ('projection-client-search-rebuild', '0', 0)`);
      const foldedLive = folded;

      // When it is rebuilt
      const rebuilding = given.runner.rebuild(60_000);

      // Then the first two batches of 5,000 are folded while the first has committed nothing (the
      // third waits for the first's commit)
      await eventually(() => folded - foldedLive, (count) => count === 10_000);
      expect((await blocker.query('select count(*)::int as count from rm_client_search_rebuild')).rows[0].count).toBe(0);

      // And once the way is free, the rebuild ends with the live rows
      await blocker.query('rollback');
      await rebuilding;
      expect(await given.rows()).toEqual(given.live);
    } finally {
      await blocker.end();
      await given.close();
    }
  }, 120_000);

  it('given a rebuild of three batches whose second fails to commit once, then the batches from there are read again and the rebuild ends with the live rows', async () => {
    const given = await sixThousandClientsLive();
    try {
      // Given a database that refuses, once, to move the rebuild's checkpoint past its first batch
      await given.database.pool.query(`
        create sequence refusals;
        create function refuse_once() returns trigger language plpgsql as $$
        begin
          if new.subscription_id = 'projection-client-search-rebuild' and nextval('refusals') = 1 then
            raise exception 'injected: the commit of a rebuild batch failed';
          end if;
          return new;
        end $$;
        create trigger refuse_once before update on es_checkpoints for each row execute function refuse_once();`);

      // When the read model is rebuilt
      await given.runner.rebuild(60_000);

      // Then the refusal happened, and was got over: the rows are the live ones
      const { rows: [refusals] } = await given.database.pool.query<{ last_value: string }>('select last_value from refusals');
      expect(Number(refusals.last_value)).toBeGreaterThan(2);
      expect(await given.rows()).toEqual(given.live);
    } finally {
      await given.close();
    }
  }, 120_000);
});
