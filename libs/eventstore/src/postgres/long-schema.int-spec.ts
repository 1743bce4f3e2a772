import { randomUUID } from 'node:crypto';
import { newEvent, RecordingHandler, uniqueStream } from '../testing/event-store.contract';
import { eventually } from '../testing/eventually';
import { describeOnPostgres, dropTestSchema, postgresUrl } from '../testing/test-database';
import type { Database } from './database/database';
import { openServerDatabase } from './database/server-database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import { migrate } from './migrations/migration';
import { PostgresEventStore } from './postgres-event-store';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('An event store in a schema with a long name, PostgreSQL server', () => {
  // 60 characters: `koppelhub_events_` and the schema are 77, past the 63 a channel name may have.
  const schema = `t_long_${randomUUID().replace(/-/g, '')}`.padEnd(60, 'x');
  const opened: { database: Database; store: PostgresEventStore }[] = [];

  const open = async () => {
    const database = await openServerDatabase({ url: postgresUrl!, schema });
    const store = await PostgresEventStore.open(database);
    opened.push({ database, store });
    return store;
  };

  beforeAll(async () => {
    const database = await openServerDatabase({ url: postgresUrl!, schema });
    try {
      await migrate(database.pool, eventStoreMigrations);
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    for (const { database, store } of opened) {
      await store.close();
      await database.close();
    }
    await dropTestSchema(schema);
  });

  it('given a schema of 60 characters, when events are appended, then they are stored and a subscriber in another process is woken through NOTIFY', async () => {
    expect(schema).toHaveLength(60);
    // Given a store, and a subscriber on another store (another process) gone idle
    const store = await open();
    const otherStore = await open();
    const handler = new RecordingHandler();
    const subscription = otherStore.subscribe({ id: 'long-schema', handler });
    try {
      await pause(200);

      // When events are appended one batch at a time (each may carry the NOTIFY)
      const appended = [];
      for (let i = 0; i < 3; i++) {
        appended.push(await store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('LongSchema')] }]));
      }

      // Then they are stored, and the subscriber handles them long before its idle re-check (10 s)
      expect(appended.map((result) => result.events.length)).toEqual([1, 1, 1]);
      await eventually(() => handler.received.length, (count) => count === 3, 3_000);
    } finally {
      await subscription.stop();
    }
  });
});
