import { Client } from 'pg';
import type { Database } from './database/database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import type { PostgresEventStore } from './postgres-event-store';
import { newEvent, RecordingHandler, uniqueStream } from '../testing/event-store.contract';
import { batchedAppend } from '../testing/batched-append';
import { describeOnPostgres, openTestDatabase, postgresUrl } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import { appendUncommitted } from '../testing/uncommitted-append';
import { writeOutsideTheLog } from '../testing/write-outside-the-log';

/**
 * A subscriber reads below the oldest transaction in flight that writes to its log (es_read_horizon).
 * Transactions that never touch the log, in this database or another of the server, do not hold it
 * back; PGlite runs one transaction at a time, so these cases need a server.
 */
describeOnPostgres('the read horizon (PostgreSQL)', () => {
  let test: TestEventStore;
  let database: Database;
  let store: PostgresEventStore;

  beforeEach(async () => {
    test = await openTestEventStore('postgres');
    ({ database, store } = test);
  });
  afterEach(() => test.dispose());

  /**
   * Given the transaction `openBystander` leaves open, appends one event and expects the subscriber
   * to be handed it meanwhile; then rolls the bystander back and closes its connection.
   */
  async function expectDeliveredBeside(openBystander: (connection: Client) => Promise<void>, connection: Client): Promise<void> {
    const handler = new RecordingHandler();
    const subscription = store.subscribe({ id: 'beside', handler });
    try {
      await openBystander(connection);

      // When an event is appended and committed
      const appended = await store.append([{ stream: uniqueStream('a'), expectedVersion: 'no_stream', events: [newEvent('Appended')] }]);

      // Then the subscriber is handed it, and is behind by nothing
      await subscription.waitFor(appended.events[0].position, 5_000);
      expect(handler.received.map((e) => e.type)).toEqual(['Appended']);
      expect((await subscription.lag()).behind).toBe(0);
    } finally {
      await subscription.stop();
      await connection.query('rollback');
      await connection.end();
    }
  }

  it('given a transaction of this database holding an id but never writing to the log, when an event is appended, then the subscriber is handed it', async () => {
    await expectDeliveredBeside(writeOutsideTheLog, await database.connect('horizon-bystander'));
  });

  it("given an append held open in another log of the same database, when an event is appended here, then this log's subscriber is handed it", async () => {
    const other = await openTestDatabase('postgres', eventStoreMigrations);
    try {
      const appendElsewhere = (connection: Client) => appendUncommitted(connection, other.database.schema, newEvent('Elsewhere'));
      await expectDeliveredBeside(appendElsewhere, await other.database.connect('horizon-other-log'));
    } finally {
      await other.dispose();
    }
  });

  it('given a transaction open in another database of the server, when an event is appended, then the subscriber is handed it', async () => {
    const url = new URL(postgresUrl!);
    url.pathname = '/postgres';
    const bystander = new Client({ connectionString: url.toString(), application_name: 'horizon-other-database' });
    await bystander.connect();
    const takeAnId = async (connection: Client) => {
      await connection.query('begin');
      await connection.query('select pg_current_xact_id()');
    };
    await expectDeliveredBeside(takeAnId, bystander);
  });

  it('given a transaction that wrote elsewhere first, when it appends, then the append is refused and nothing is written', async () => {
    const writer = await database.connect('horizon-late-append');
    const stream = uniqueStream('late');
    try {
      // Given a transaction that has taken its id by a write of its own
      await writeOutsideTheLog(writer);

      // When it appends
      const appending = writer.query('select * from es_append_batch($1)', [JSON.stringify([batchedAppend(stream, 0, 'Late')])]);

      // Then the append is refused as out of place in its transaction
      await expect(appending).rejects.toMatchObject({ code: '25000', message: 'an append must be the first write of its transaction' });
      await writer.query('rollback');
      expect(await store.readStream(stream)).toEqual([]);
    } finally {
      await writer.end();
    }
  });

  it('given a transaction that appended, when it appends again and writes elsewhere, then all of it is written', async () => {
    const writer = await database.connect('horizon-two-appends');
    const [first, second] = [uniqueStream('first'), uniqueStream('second')];
    try {
      // Given a transaction whose first write was an append
      await writer.query('begin');
      await writer.query('select * from es_append_batch($1)', [JSON.stringify([batchedAppend(first, 0, 'First')])]);

      // When it writes elsewhere and appends again
      await writer.query('create temporary table scratch (n int)');
      await writer.query('insert into scratch values (1)');
      await writer.query('select * from es_append_batch($1)', [JSON.stringify([batchedAppend(second, 0, 'Second')])]);
      await writer.query('commit');

      // Then both appends are in the log
      expect((await store.readStream(first)).map((e) => e.type)).toEqual(['First']);
      expect((await store.readStream(second)).map((e) => e.type)).toEqual(['Second']);
    } finally {
      await writer.end();
    }
  });

  it('given a snapshot taken while a transaction that never wrote to the log was running, when that transaction has ended, then the horizon of that snapshot stops at it', async () => {
    // Given a snapshot taken while a bystander holds an id
    const bystander = await database.connect('horizon-ended-bystander');
    await bystander.query('begin');
    const { rows: ids } = await bystander.query<{ id: string }>('select pg_current_xact_id()::text as id');
    const { rows: snapshots } = await database.pool.query<{ snapshot: string }>('select pg_current_snapshot()::text as snapshot');

    // When the bystander ends before the horizon of that snapshot is worked out
    await bystander.query('commit');
    await bystander.end();
    const { rows } = await database.pool.query<{ horizon: string }>('select es_read_horizon($1::pg_snapshot)::text as horizon', [snapshots[0].snapshot]);

    // Then it stops there: pg_locks no longer tells whether it wrote to the log (hence ReadThrough)
    expect(BigInt(rows[0].horizon)).toBeLessThanOrEqual(BigInt(ids[0].id));
  });

  describe('a transaction the look at pg_locks passed over', () => {
    /**
     * The horizon of a snapshot in which only `transaction` is in flight, when the look at pg_locks
     * found it holding no lock on es_events (as it finds a writer caught between releasing that lock
     * and the lock on its own id, at its commit).
     */
    async function horizonPassing(transaction: string): Promise<bigint> {
      const snapshot = `${transaction}:${BigInt(transaction) + 1n}:${transaction}`;
      const { rows } = await database.pool.query<{ horizon: string }>(
        'select es_horizon_passing($1::pg_snapshot, array[$2::xid])::text as horizon',
        [snapshot, transaction],
      );
      return BigInt(rows[0].horizon);
    }

    it('given it is still running, when the horizon is worked out, then it is passed over', async () => {
      // Given a bystander still running with an id
      const bystander = await database.connect('horizon-running-bystander');
      try {
        await writeOutsideTheLog(bystander);
        const { rows } = await bystander.query<{ id: string }>('select pg_current_xact_id()::text as id');

        // When the horizon of a snapshot in which it is in flight is worked out
        const horizon = await horizonPassing(rows[0].id);

        // Then readers go past it
        expect(horizon).toBe(BigInt(rows[0].id) + 1n);
      } finally {
        await bystander.query('rollback');
        await bystander.end();
      }
    });

    it('given it has committed since the snapshot (a writer caught releasing its locks), when the horizon is worked out, then it stops there', async () => {
      // Given a transaction that appended and committed after the snapshot was taken
      const writer = await database.connect('horizon-committed-writer');
      let id = '';
      try {
        await appendUncommitted(writer, database.schema, newEvent('Committing'));
        id = (await writer.query<{ id: string }>('select pg_current_xact_id()::text as id')).rows[0].id;
        await writer.query('commit');
      } finally {
        await writer.end();
      }

      // When the horizon of a snapshot in which it was in flight is worked out
      const horizon = await horizonPassing(id);

      // Then readers stop at it: that snapshot does not see its events, and going past would skip them
      expect(horizon).toBe(BigInt(id));
    });
  });

  it('given an append held open, when the log is read through a later horizon, then the events up to that horizon are read', async () => {
    // Given an append held open, and an event committed after it
    const late = await database.connect('horizon-through');
    try {
      await appendUncommitted(late, database.schema, newEvent('Late'));
      const later = await store.append([{ stream: uniqueStream('b'), expectedVersion: 'no_stream', events: [newEvent('Later')] }]);
      const laterEvent = later.events[0];
      expect(await store.readAll()).toEqual([]);

      // When the log is read through the later event
      const read = await store.readAll({ through: { transactionId: laterEvent.transactionId, position: laterEvent.position } });

      // Then it is read, held-open append or not
      expect(read.map((e) => e.type)).toEqual(['Later']);
    } finally {
      await late.query('rollback');
      await late.end();
    }
  });
});
