import type { Pool, QueryConfig } from 'pg';
import { batchedAppend } from '../testing/batched-append';
import { newEvent, RecordingHandler, uniqueStream } from '../testing/event-store.contract';
import { eventually } from '../testing/eventually';
import { testDatabaseKinds as kinds } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import type { BatchedAppend } from './append-batcher';
import type { Database } from './database/database';
import { PostgresEventStore } from './postgres-event-store';
import { ChainVerifier } from './tamper-evidence/chain-verifier';

/** The database, except that the first call appending at least `appends` commits and then loses its answer. */
function losingFirstAnswer(database: Database, atLeast: number): Database {
  let lost = false;
  const query = async (config: string | QueryConfig, values?: unknown[]) => {
    const result = await database.pool.query(config, values);
    const appends =
      typeof config === 'string' || !config.text.includes('es_append_batch')
        ? 0
        : (JSON.parse(String(config.values?.[0])) as unknown[]).length;
    if (!lost && appends >= atLeast) {
      lost = true;
      throw new Error('connection lost after commit');
    }
    return result;
  };
  // The store reaches the pool only through query.
  return { ...database, pool: Object.assign(Object.create(database.pool), { query }) as Pool };
}

describe.each(kinds)('group commit on %s', (kind) => {
  let test: TestEventStore;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestEventStore(kind);
    store = test.store;
  });
  afterAll(() => test.dispose());

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

  it('given a batch whose answer was lost after it committed, when its appends come back stored, then subscriptions wake', async () => {
    const losing = await PostgresEventStore.open(losingFirstAnswer(test.database, 2));
    const handler = new RecordingHandler();
    // Only this test's types: the suite's other tests share the log.
    const subscription = losing.subscribe({ id: 'resent', handler, types: ['First', 'Second', 'Third'] });
    try {
      // Given a subscription that caught up and sleeps until the next wake-up
      const appendOne = (type: string) =>
        losing.append([{ stream: uniqueStream('resent'), expectedVersion: 'no_stream', events: [newEvent(type)] }]);
      const first = await appendOne('First');
      await subscription.waitFor(first.events[0].position);
      // Time to finish its round: an append landing during it would be read without any wake-up.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // When two appends share a batch that commits but loses its answer, so each is sent again alone
      const results = await Promise.all([appendOne('Second'), appendOne('Third')]);
      expect(results.map((r) => r.alreadyAppended)).toEqual([true, true]);
      // Then the subscription is woken for them, well before its idle recheck (10 s)
      await eventually(() => handler.received.length, (n) => n === 3, 5_000);
      expect(handler.received.map((e) => e.type)).toEqual(['First', 'Second', 'Third']);
    } finally {
      await losing.close();
    }
  });

  it('given a lone append whose answer was lost after it committed, when the caller retries, then subscriptions wake', async () => {
    const losing = await PostgresEventStore.open(losingFirstAnswer(test.database, 1));
    const handler = new RecordingHandler();
    const subscription = losing.subscribe({ id: 'retried', handler, types: ['Lone'] });
    try {
      // Given a subscription that caught up and sleeps until the next wake-up
      await subscription.waitFor(await losing.headPosition());
      await new Promise((resolve) => setTimeout(resolve, 300));
      // When an append commits but loses its answer, and the caller sends it again
      const append = { stream: uniqueStream('lone'), expectedVersion: 'no_stream' as const, events: [newEvent('Lone')] };
      await expect(losing.append([append])).rejects.toThrow('connection lost after commit');
      const retried = await losing.append([append]);
      expect(retried.alreadyAppended).toBe(true);
      // Then the subscription is woken for it, well before its idle recheck (10 s)
      await eventually(() => handler.received.length, (n) => n === 1, 5_000);
    } finally {
      await losing.close();
    }
  });

  /** One batch as the store sends it, built by hand so that the test decides what shares it. */
  const sendBatch = (appends: BatchedAppend[]) => test.database.pool.query('select * from es_append_batch($1)', [JSON.stringify(appends)]);

  /** Each stream's recorded head, and whether it names the stream's last event and that event's hash. */
  const headsOf = async (streams: string[]) =>
    (
      await test.database.pool.query(
        `select s.stream_name, s.version::int, s.last_hash = e.hash as at_last_event
           from es_streams s
           left join lateral (select x.hash from es_events x where x.stream_name = s.stream_name
                               order by x.stream_version desc limit 1) e on true
          where s.stream_name = any($1) order by s.stream_name`,
        [streams],
      )
    ).rows;

  it('given a batch that only creates streams, one of them twice, when it lands, then every head is at its last event', async () => {
    const base = uniqueStream('new');
    const [a, b] = ['a', 'b'].map((end) => `${base}-${end}`);

    await sendBatch([batchedAppend(a, 0, 'Created'), batchedAppend(b, 0, 'Created'), batchedAppend(a, -1, 'Extended')]);

    expect(await headsOf([a, b])).toEqual([
      { stream_name: a, version: 2, at_last_event: true },
      { stream_name: b, version: 1, at_last_event: true },
    ]);
    expect(await new ChainVerifier(test.database.pool).verify()).toMatchObject({ ok: true });
  });

  it('given a batch that creates one stream and extends another, when it lands, then both heads move', async () => {
    const base = uniqueStream('mixed');
    const [created, extended] = ['a', 'b'].map((end) => `${base}-${end}`);
    await store.append([{ stream: extended, expectedVersion: 'no_stream', events: [newEvent('First')] }]);

    await sendBatch([batchedAppend(created, 0, 'Created'), batchedAppend(extended, 1, 'Second')]);

    expect(await headsOf([created, extended])).toEqual([
      { stream_name: created, version: 1, at_last_event: true },
      { stream_name: extended, version: 2, at_last_event: true },
    ]);
    expect(await new ChainVerifier(test.database.pool).verify()).toMatchObject({ ok: true });
  });

  it('given a batch already stored, when it is sent again in a transaction, then the transaction takes no id and no write lock on the log', async () => {
    // Given a batch that has landed
    const batch = [batchedAppend(uniqueStream('retried'), 0, 'Created')];
    await sendBatch(batch);
    const session = await test.database.pool.connect();
    try {
      // When it is sent again inside a transaction
      await session.query('begin');
      const { rows } = await session.query<{ outcome: string }>('select outcome from es_append_batch($1)', [JSON.stringify(batch)]);
      // Then it is answered as stored, and the transaction holds back no reader of the log
      expect(rows.map((row) => row.outcome)).toEqual(['stored']);
      const { rows: held } = await session.query<{ id: string | null; writes: boolean }>(
        `select pg_current_xact_id_if_assigned()::text as id,
                exists (select from pg_locks where pid = pg_backend_pid() and locktype = 'relation'
                          and relation = 'es_events'::regclass and mode <> 'AccessShareLock') as writes`,
      );
      expect(held[0]).toEqual({ id: null, writes: false });
    } finally {
      await session.query('rollback');
      session.release();
    }
  });

  // PGlite runs one transaction at a time: no append can wait on another's stream lock there.
  (kind === 'postgres' ? it : it.skip)(
    'given an append waiting on a stream lock, when another commits meanwhile, then recorded_at follows each stream\'s versions',
    async () => {
      // Locks are taken in name order: the append holds `later` only once `held` is free.
      const held = `${uniqueStream('clock')}-a`;
      const later = `${held.slice(0, -2)}-b`;
      const holder = await test.database.pool.connect();
      try {
        // Given a transaction holding the lock of one stream
        await holder.query('begin');
        await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [held]);
        const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid');
        // And an append to that stream and a later one, waiting for it
        const waiting = store.append([
          { stream: held, expectedVersion: 'any', events: [newEvent('Waited')] },
          { stream: later, expectedVersion: 'any', events: [newEvent('Waited')] },
        ]);
        const blocked = async () =>
          (await test.database.pool.query<{ waiting: boolean }>(
            'select exists (select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))) as waiting',
            [rows[0].pid],
          )).rows[0].waiting;
        await eventually(blocked, (waiting) => waiting, 5_000);
        // When an append to the later stream commits meanwhile, and then the lock is let go
        await store.append([{ stream: later, expectedVersion: 'no_stream', events: [newEvent('Meanwhile')] }]);
        await holder.query('commit');
        await waiting;
      } finally {
        // Closed rather than returned to the pool: after a failed step it would still hold the lock.
        holder.release(true);
      }

      // Then no stream records a version earlier than the one before it
      const { rows: events } = await test.database.pool.query(
        `select stream_name, stream_version::int, event_type,
                recorded_at >= lag(recorded_at, 1, '-infinity') over (partition by stream_name order by stream_version) as in_order
           from es_events where stream_name = any($1) order by stream_name, stream_version`,
        [[held, later]],
      );
      expect(events).toEqual([
        { stream_name: held, stream_version: 1, event_type: 'Waited', in_order: true },
        { stream_name: later, stream_version: 1, event_type: 'Meanwhile', in_order: true },
        { stream_name: later, stream_version: 2, event_type: 'Waited', in_order: true },
      ]);
      // And the hash chains, which cover the recorded time, still verify
      expect(await new ChainVerifier(test.database.pool).verify()).toMatchObject({ ok: true });
    },
  );
});
