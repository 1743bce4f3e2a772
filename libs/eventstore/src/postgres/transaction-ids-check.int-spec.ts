import { randomUUID } from 'node:crypto';
import { TransactionIdsBehindLog } from '../errors';
import { queryPlan } from '../testing/query-plan';
import { describeOnPostgres, openTestDatabase, type TestDatabase, type TestDatabaseKind } from '../testing/test-database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import { PostgresEventStore, TRANSACTION_IDS_BEHIND_SQL } from './postgres-event-store';

function suite(kind: TestDatabaseKind) {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(kind, eventStoreMigrations);
  });
  afterEach(async () => {
    await test.dispose();
  });

  it('given a log written by this database, when the store opens, then it opens', async () => {
    const store = await PostgresEventStore.open(test.database);
    await store.append([{ stream: `s-${randomUUID()}`, expectedVersion: 'no_stream', events: [{ id: randomUUID(), type: 'Happened', data: {}, metadata: { actor: 'test', commandId: 'c', correlationId: 'c' } }] }]);
    await store.close();

    await expect(PostgresEventStore.open(test.database).then((again) => again.close())).resolves.toBeUndefined();
  });

  it('given a log restored from another cluster, with transaction ids this database has not reached, when the store opens, then it refuses', async () => {
    // Given an event as a logical dump restores it: its transaction id kept from the old cluster
    await test.database.pool.query(
      `insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata, transaction_id)
       values ($1, 'restored', 1, 'Happened', '{}', '{}', (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text::xid8)`,
      [randomUUID()],
    );

    // When the store opens, then it refuses: new events would sort below it and never be delivered
    await expect(PostgresEventStore.open(test.database)).rejects.toBeInstanceOf(TransactionIdsBehindLog);
  });
}

describe('opening the event store over a restored log (PGlite)', () => suite('pglite'));
describeOnPostgres('opening the event store over a restored log (PostgreSQL)', () => {
  suite('postgres');

  it('given a grown log, when the store checks its transaction ids at start, then it reads the last entry of the delivery-order index', async () => {
    const test = await openTestDatabase('postgres', eventStoreMigrations);
    try {
      await test.database.pool.query(`insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
                                      select gen_random_uuid(), 'bulk-' || n, 1, 'Bulk', '{}', '{}' from generate_series(1, 20000) n`);
      const plan = await queryPlan(test.database.pool, TRANSACTION_IDS_BEHIND_SQL);
      expect(plan).toMatch(/Index (Only )?Scan Backward using es_events_delivery_order/);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await test.dispose();
    }
  });
});
