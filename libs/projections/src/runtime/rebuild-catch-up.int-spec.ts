import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, type NewEvent, PostgresCheckpointStore, PostgresEventStore, type StreamAppend } from '@koppelhub/eventstore';
import { Client } from 'pg';
import { eventually } from '../../../eventstore/src/testing/eventually';
import { hasSettled } from '../../../eventstore/src/testing/has-settled';
import { describeOnPostgres, openTestDatabase, postgresUrl, type TestDatabaseKind } from '../../../eventstore/src/testing/test-database';
import { clientSearchProjection } from '../client-search/client-search.projection';
import type { ClientSearchRow } from '../client-search/client-search.row';
import { projectionMigrations } from '../migrations/projections.migrations';
import { companyRegistered, companyRenamed } from '../testing/company-events';
import { RebuildCatchUp } from './rebuild-catch-up';
import { WrittenRows } from './written-rows';

const SUBSCRIPTION = 'rebuild-catch-up-test';
const CLIENTS = 20;
/**
 * Pages of five events in the spread log (four pages register the twenty clients, each round of
 * renames takes four more), of eight where each client's four events lie together (two clients a page).
 */
const PAGE = { spread: 5, together: 8 } as const;

/**
 * Given twenty clients named C and a number: either registered first and renamed
 * three times over a round at a time (`spread`, each page touching rows pages before wrote), or
 * each client's four events together (`together`). Every row write to client search is logged by
 * a trigger, with the transaction that made it.
 */
async function givenLog(kind: TestDatabaseKind, layout: 'spread' | 'together') {
  const { database, dispose } = await openTestDatabase(kind, [...eventStoreMigrations, ...projectionMigrations]);
  const store = await PostgresEventStore.open(database);
  await database.pool.query(`
    create table row_writes (client_id uuid, search_name text, operation text, transaction_id xid8 default pg_current_xact_id());
    create function log_row_write() returns trigger language plpgsql as $$
      begin
        if new.search_name = 'FAIL' then raise exception 'refused: %', new.search_name; end if;
        insert into row_writes (client_id, search_name, operation) values (new.client_id, new.search_name, lower(tg_op));
        return new;
      end $$;
    create trigger row_written after insert or update on rm_client_search for each row execute function log_row_write()`);
  const clients = Array.from({ length: CLIENTS }, (_, n) => ({ id: randomUUID(), n }));
  const named = (round: number, n: number) => (round === 0 ? `C${n}` : `C${n}R${round}`);
  const eventOf = (round: number, client: { id: string; n: number }): NewEvent =>
    round === 0 ? companyRegistered(client.id, named(0, client.n)) : companyRenamed(client.id, named(round, client.n));
  if (layout === 'spread') {
    for (let round = 0; round < 4; round++) {
      // One event per append, so that a page holds exactly five events.
      for (const client of clients) {
        await store.append([{ stream: `client-${client.id}`, expectedVersion: round === 0 ? 'no_stream' : round, events: [eventOf(round, client)] }]);
      }
    }
  } else {
    const appends: StreamAppend[] = clients.map((client) => ({
      stream: `client-${client.id}`,
      expectedVersion: 'no_stream',
      events: [0, 1, 2, 3].map((round) => eventOf(round, client)),
    }));
    await store.append(appends);
  }
  const checkpoints = new PostgresCheckpointStore(database.pool);
  // The pass reads what a fold reads of each event (`readForFold`); reading whole events fails here.
  const foldReader = Object.assign(Object.create(store) as PostgresEventStore, {
    readAll: () => Promise.reject(new Error('a rebuild reads its pages for a fold')),
  });
  const catchUp = (memory = new WrittenRows<ClientSearchRow>()) =>
    new RebuildCatchUp(database, foldReader, clientSearchProjection, checkpoints, SUBSCRIPTION, memory, PAGE[layout]);
  return {
    database,
    store,
    catchUp,
    names: async () => (await database.pool.query('select search_name from rm_client_search order by search_name')).rows.map((r) => r.search_name as string),
    finalNames: clients.map((client) => named(3, client.n)).sort(),
    rowWrites: async () => Number((await database.pool.query('select count(*) from row_writes')).rows[0].count),
    /** What each write transaction did to rows, in order: `5 insert`, `20 update`. */
    writesPerTransaction: async () =>
      (
        await database.pool.query(
          `select string_agg(format('%s %s', count, operation), ', ') as writes
             from (select transaction_id, operation, count(*) from row_writes group by 1, 2) per_operation
            group by transaction_id order by transaction_id`,
        )
      ).rows.map((r) => r.writes as string),
    storedPosition: async () => (await checkpoints.load(SUBSCRIPTION)).position,
    headPosition: () => store.headPosition(),
    renameToFail: async () => {
      const client = clients[0];
      await store.append([{ stream: `client-${client.id}`, expectedVersion: 4, events: [companyRenamed(client.id, 'FAIL')] }]);
    },
    close: async () => {
      await store.close();
      await dispose();
    },
  };
}

/** Runs `test` on a log laid out so (see givenLog), closed again after. */
async function withLog(kind: TestDatabaseKind, layout: 'spread' | 'together', test: (given: Given) => Promise<void>): Promise<void> {
  const given = await givenLog(kind, layout);
  try {
    await test(given);
  } finally {
    await given.close();
  }
}

type Given = Awaited<ReturnType<typeof givenLog>>;

function suite(kind: TestDatabaseKind) {
  it('given a log that keeps coming back to the rows it wrote, when caught up, then the rows are written page by page only until overwrites show, then held and written once', async () => {
    // Given twenty clients registered on four pages, then renamed three times over on twelve more
    await withLog(kind, 'spread', async (given) => {
      // When the catch-up runs
      await given.catchUp().run(() => false);

      // Then the table holds every client's last name, with the checkpoint at the log's end
      expect(await given.names()).toEqual(given.finalNames);
      expect(await given.storedPosition()).toBe(await given.headPosition());
      // ... written as twenty new rows on four pages, five overwritten by the fifth page, and
      // from then on held back: at the end, overwriting every row, the table emptied and its
      // twenty rows written anew; 45 row writes where page by page took 80
      expect(await given.writesPerTransaction()).toEqual(['5 insert', '5 insert', '5 insert', '5 insert', '5 update', '20 insert']);
      expect(await given.rowWrites()).toBe(45);
    });
  });

  it('given a log whose clients keep their events together, when caught up, then each page is written as it is folded, no row twice', async () => {
    // Given twenty clients, each registered and renamed three times in one append
    await withLog(kind, 'together', async (given) => {
      // When the catch-up runs
      await given.catchUp().run(() => false);

      // Then each page's two rows went in as it was read
      expect(await given.names()).toEqual(given.finalNames);
      expect(await given.storedPosition()).toBe(await given.headPosition());
      expect(await given.writesPerTransaction()).toEqual(Array(10).fill('2 insert'));
    });
  });

  it('given more rows than the memory may hold, when caught up, then it stops before the page that would not fit, with what it folded written and its checkpoint there', async () => {
    await withLog(kind, 'spread', async (given) => {
      // Given a memory of seven rows
      const memory = new WrittenRows<ClientSearchRow>(7);

      // When the catch-up runs
      await given.catchUp(memory).run(() => false);

      // Then the first page (five clients) was written; the second would have made ten rows
      expect(await given.names()).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
      expect(await given.storedPosition()).toBe(5);
      // ... and the memory still answers for the table, for the subscription to go on with
      expect(memory.hasNoRow('not-a-client')).toBe(true);
    });
  });

  it('given a stop asked for after two pages, when caught up, then those two are written with their checkpoint and nothing more is read', async () => {
    await withLog(kind, 'spread', async (given) => {
      // Given a stop once two pages have been folded
      let pagesSeen = 0;
      const stopping = () => ++pagesSeen > 2;

      // When the catch-up runs
      await given.catchUp().run(stopping);

      // Then the first ten registrations stand, and the checkpoint after them
      expect(await given.names()).toEqual(Array.from({ length: 10 }, (_, n) => `C${n}`).sort());
      expect(await given.storedPosition()).toBe(10);
    });
  });

  it('given a write that fails, when caught up, then the writes before it stand with their checkpoint and the memory is dropped', async () => {
    await withLog(kind, 'spread', async (given) => {
      // Given the log's last event renaming a client to a name the table refuses
      await given.renameToFail();
      const memory = new WrittenRows<ClientSearchRow>();

      // When the catch-up runs
      await given.catchUp(memory).run(() => false);

      // Then what the pages before the failed write wrote stands, with the checkpoint after the
      // fifth page (the rest was held for one write at the end, the one refused)
      expect(await given.storedPosition()).toBe(25);
      expect(await given.writesPerTransaction()).toEqual(['5 insert', '5 insert', '5 insert', '5 insert', '5 update']);
      // ... and the memory no longer answers for rows it lacks: the subscription reads them back
      expect(memory.unknown(['any-key'])).toEqual(['any-key']);
    });
  });
}

describeOnPostgres('a rebuild catching up in memory while its writes wait (PostgreSQL)', () => {
  it('given the first write held up by a lock on the table, when caught up, then it reads no further than one page past the write waiting behind it', async () => {
    await withLog('postgres', 'together', async (given) => {
      // Given a transaction holding the table, so that the first page's write waits for it
      const locker = new Client({ connectionString: postgresUrl, options: `-c search_path=${given.database.schema}` });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('lock table rm_client_search in share mode');
        const reads = jest.spyOn(given.store, 'readForFold');

        // When the catch-up runs, until its first write waits on the lock
        const caughtUp = given.catchUp().run(() => false);
        await eventually(
          // This schema's table only: suites beside this one lock tables of the same name.
          () => given.database.pool.query(`select 1 from pg_locks where relation = 'rm_client_search'::regclass and not granted`),
          ({ rows }) => rows.length === 1,
        );

        // Then it has folded the second page and waits for the first write before taking a third:
        // three pages read (the third ahead), of the ten the log holds
        expect(await hasSettled(caughtUp, 200)).toBe(false);
        expect(reads).toHaveBeenCalledTimes(3);

        // And once the lock goes, the rest follows
        await locker.query('commit');
        await caughtUp;
        expect(await given.names()).toEqual(given.finalNames);
      } finally {
        await locker.end();
      }
    });
  });
});

describe('a rebuild catching up in memory on PGlite', () => suite('pglite'));
describeOnPostgres('a rebuild catching up in memory on PostgreSQL', () => suite('postgres'));
