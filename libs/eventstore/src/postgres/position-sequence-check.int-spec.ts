import { PositionSequenceCached } from '../errors';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../testing/test-database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Audit reads take the position sequence's last value as the highest position handed out
 * (settledPosition): true only while it hands out one number at a time, as the migrations create it.
 */
describe.each(testDatabaseKinds)('opening the event store over its position sequence (%s)', (kind) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(kind, eventStoreMigrations);
  });
  afterEach(async () => {
    await test.dispose();
  });

  const setCache = (cache: number) =>
    test.database.pool.query(`select format('alter sequence %s cache ${cache}', pg_get_serial_sequence('es_events', 'global_position'))`)
      .then(({ rows }) => test.database.pool.query(rows[0].format as string));

  it('given the sequence as the migrations made it, when the store opens, then it opens', async () => {
    await expect(PostgresEventStore.open(test.database).then((store) => store.close())).resolves.toBeUndefined();
  });

  it('given a sequence altered to hand out numbers in advance, when the store opens, then it refuses, saying how to set it back', async () => {
    await setCache(20);

    // A store that opens after all is closed at once: its listener would hold the database open.
    const refused = await PostgresEventStore.open(test.database).then(
      (store) => store.close(),
      (error: unknown) => error,
    );

    expect(refused).toBeInstanceOf(PositionSequenceCached);
    expect((refused as Error).message).toMatch(/caches 20 numbers per session; set it back with: alter sequence \S+ cache 1/);

    // And once set back, it opens
    await setCache(1);
    await expect(PostgresEventStore.open(test.database).then((store) => store.close())).resolves.toBeUndefined();
  });
});
