import type { Database } from './database/database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import { PostgresEventStore } from './postgres-event-store';
import { LOOK_ALONE_WITHIN_APPENDS } from './postgres-subscription';
import { eventStoreContract, newEvent, RecordingHandler, uniqueStream } from '../testing/event-store.contract';
import { describeOnPostgres, openTestDatabase, postgresUrl, type TestDatabase } from '../testing/test-database';
import { openServerDatabase } from './database/server-database';
import { appendUncommitted } from '../testing/uncommitted-append';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('PostgresEventStore on a PostgreSQL server', () => {
  eventStoreContract(async () => {
    const { database, dispose } = await openTestDatabase('postgres', eventStoreMigrations);
    const store = await PostgresEventStore.open(database);
    return {
      store,
      dispose: async () => {
        await store.close();
        await dispose();
      },
    };
  });

  describe('with a transaction that commits late', () => {
    let test: TestDatabase;
    let database: Database;
    let store: PostgresEventStore;

    beforeEach(async () => {
      test = await openTestDatabase('postgres', eventStoreMigrations);
      database = test.database;
      store = await PostgresEventStore.open(database);
    });
    afterEach(async () => {
      await store.close();
      await test.dispose();
    });

    it('does not pass an earlier transaction still open, and delivers it once it commits', async () => {
      const handler = new RecordingHandler();
      const subscription = store.subscribe({ id: 'gap', handler });
      const late = newEvent('Late');
      const early = await database.connect('gap-test-a');

      try {
        // Given transaction A has appended (position p) but not committed
        await appendUncommitted(early, database.schema, late);
        // When transaction B appends and commits after it (position p + 1)
        const later = await store.append([
          { stream: uniqueStream('b'), expectedVersion: 'any', events: [newEvent('Later')] },
        ]);
        await pause(300);

        // Then the subscriber has not passed A: it holds B back and says it is behind
        expect(handler.received).toEqual([]);
        expect((await subscription.lag()).behind).toBe(1);

        // When A commits, both are delivered, A first
        await early.query('commit');
        await subscription.waitFor(later.events[0].position);
        expect(handler.received.map((e) => e.type)).toEqual(['Late', 'Later']);
      } finally {
        await early.end();
      }
      await subscription.stop();
    });

    it('with a filter on types, does not pass an earlier transaction still open either, though later events are not its type', async () => {
      const handler = new RecordingHandler();
      const subscription = store.subscribe({ id: 'gap-typed', handler, types: ['Late'] });
      const late = newEvent('Late');
      const early = await database.connect('gap-test-typed');
      try {
        // Given transaction A has appended an event of the subscriber's type but not committed
        await appendUncommitted(early, database.schema, late);
        // When events of other types commit after it, and the subscriber looks past them (waiting
        // for what is committed: A is not)
        let last = 0;
        for (let i = 0; i < 3; i++) {
          last = (await store.append([{ stream: uniqueStream('b'), expectedVersion: 'any', events: [newEvent('Other')] }])).events[0].position;
        }
        await subscription.waitFor(last);
        expect(handler.received).toEqual([]);

        // Then A is delivered once it commits, woken by the notification A's transaction carries
        await early.query('commit');
        for (let waited = 0; handler.received.length === 0 && waited < 3000; waited += 20) await pause(20);
        expect(handler.received.map((e) => e.type)).toEqual(['Late']);
      } finally {
        await early.end();
      }
      await subscription.stop();
    });

    it('with a filter on types, looks for its types from past the events it has seen are not its own, not from its checkpoint each time', async () => {
      const handler = new RecordingHandler();
      const counts = jest.spyOn(store, 'countAfter');
      const subscription = store.subscribe({ id: 'rare', handler, types: ['Rare'] });
      // Given many events of other types after its checkpoint (it has handled none)
      let last = 0;
      // (more appends than a caller's wait settles by a look alone, so the wait reads again)
      for (let i = 0; i <= LOOK_ALONE_WITHIN_APPENDS; i++) {
        const appended = await store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('Common'), newEvent('Common')] }]);
        last = appended.events[1].position;
      }
      await subscription.waitFor(last);
      // When it next looks whether something of its types is still to come
      await pause(100);
      // Then it counts from past those events, where its checkpoint is still the start
      const from = counts.mock.calls.at(-1)![0];
      expect(from.position).toBeGreaterThanOrEqual(last);
      expect(handler.received).toEqual([]);
      await subscription.stop();
      counts.mockRestore();
    });

    it('wakes a subscriber in another process through NOTIFY, without polling', async () => {
      const other = await openServerDatabase({ url: postgresUrl!, schema: database.schema });
      const otherStore = await PostgresEventStore.open(other);
      const handler = new RecordingHandler();
      const subscription = otherStore.subscribe({ id: 'other-process', handler });
      try {
        await pause(200); // let it go idle: its own safety re-check is seconds away
        await store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('Elsewhere')] }]);
        for (let waited = 0; handler.received.length === 0 && waited < 3000; waited += 50) await pause(50);
        expect(handler.received.map((e) => e.type)).toEqual(['Elsewhere']);
      } finally {
        await subscription.stop();
        await otherStore.close();
        await other.close();
      }
    });

    it("wakes another process from the append's own transaction, with no NOTIFY statement of its own", async () => {
      const other = await openServerDatabase({ url: postgresUrl!, schema: database.schema });
      const otherStore = await PostgresEventStore.open(other);
      const handler = new RecordingHandler();
      const subscription = otherStore.subscribe({ id: 'carried-wake-up', handler });
      const statements = jest.spyOn(database.pool, 'query');
      try {
        await pause(200);
        await store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('Carried')] }]);
        for (let waited = 0; handler.received.length === 0 && waited < 3000; waited += 50) await pause(50);

        expect(handler.received.map((e) => e.type)).toEqual(['Carried']);
        const sent = statements.mock.calls.map(([query]) => (typeof query === 'string' ? query : (query as { text: string }).text));
        expect(sent.filter((text) => text.includes('pg_notify'))).toEqual([]);
      } finally {
        statements.mockRestore();
        await subscription.stop();
        await otherStore.close();
        await other.close();
      }
    });

    it('carries on after the database drops every connection (as in a restart)', async () => {
      const handler = new RecordingHandler();
      const subscription = store.subscribe({ id: 'restart', handler });
      const before = await store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('Before')] }]);
      await subscription.waitFor(before.events[0].position);

      // Kill every backend of this schema's pool and listener, as a server restart would.
      const admin = await database.connect('restart-test-admin');
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where pid <> pg_backend_pid() and datname = current_database()
            and application_name in ($1, $2)`,
        [`koppelhub-${database.schema}`, `koppelhub-listener-${database.schema}`],
      );
      await admin.end();

      let after: Awaited<ReturnType<PostgresEventStore['append']>> | undefined;
      for (let attempt = 0; ; attempt++) {
        try {
          after = await store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('After')] }]);
          break;
        } catch (error) {
          if (attempt > 5) throw error;
          await pause(100);
        }
      }
      await subscription.waitFor(after!.events[0].position, 15_000);
      expect(handler.received.map((e) => e.type)).toEqual(['Before', 'After']);
      await subscription.stop();
    });
  });
});
