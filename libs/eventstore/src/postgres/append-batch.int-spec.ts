import { newEvent, uniqueStream } from '../testing/event-store.contract';
import { openTestDatabase, postgresUrl, type TestDatabase, type TestDatabaseKind } from '../testing/test-database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import { PostgresEventStore } from './postgres-event-store';

const kinds: TestDatabaseKind[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

describe.each(kinds)('group commit on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase(kind, eventStoreMigrations);
    store = await PostgresEventStore.open(test.database);
  });
  afterAll(async () => {
    await store.close();
    await test.dispose();
  });

  const transactionsOf = async (streams: string[]) => {
    const { rows } = await test.database.pool.query<{ transactions: string }>(
      'select count(distinct transaction_id) as transactions from es_events where stream_name = any($1)',
      [streams],
    );
    return Number(rows[0].transactions);
  };

  it('given many appends at once, when they land, then they share transactions and each stream is whole', async () => {
    const streams = Array.from({ length: 40 }, () => uniqueStream('batched'));

    await Promise.all(streams.map((stream) => store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('A'), newEvent('B')] }])));

    expect(await transactionsOf(streams)).toBeLessThan(streams.length);
    for (const stream of streams) expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('given a lone append, when it is sent, then it is written in a transaction of its own', async () => {
    const stream = uniqueStream('alone');

    const result = await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent()] }]);

    expect(result.alreadyAppended).toBe(false);
    expect(await transactionsOf([stream])).toBe(1);
  });

  it('given the same events sent twice at once, when they land, then one caller wrote them and the other is told so', async () => {
    const append = { stream: uniqueStream('twice'), expectedVersion: 'no_stream' as const, events: [newEvent('Once')] };

    const [first, second] = await Promise.all([store.append([append]), store.append([append])]);

    expect([first.alreadyAppended, second.alreadyAppended].sort()).toEqual([false, true]);
    expect(second.events[0].position).toBe(first.events[0].position);
    expect(await store.readStream(append.stream)).toHaveLength(1);
  });

  it('given a batch the database refuses as a whole, when it is sent, then only the bad append fails', async () => {
    // jsonb cannot hold \u0000: the whole batch fails to parse, so each append is sent again alone
    const bad = uniqueStream('bad');
    const good = Array.from({ length: 10 }, () => uniqueStream('good'));

    const results = await Promise.allSettled([
      ...good.map((stream) => store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('Good')] }])),
      store.append([{ stream: bad, expectedVersion: 'no_stream', events: [newEvent('Bad', { text: 'nul \u0000' })] }]),
    ]);

    expect(results.slice(0, good.length).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[good.length]).toMatchObject({ status: 'rejected' });
    expect(await store.readStream(bad)).toEqual([]);
    for (const stream of good) expect(await store.readStream(stream)).toHaveLength(1);
  });
});
