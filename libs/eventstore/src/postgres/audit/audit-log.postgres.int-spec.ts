import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { LogNotSettled } from '../../errors';
import { newEvent, uniqueStream } from '../../testing/event-store.contract';
import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { notifyChannel } from '../database/database';
import { eventStoreMigrations } from '../migrations/eventstore.migrations';
import { PostgresEventStore } from '../postgres-event-store';
import { AuditLog } from './audit-log';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends an event in a transaction left open on `connection`: a writer that commits late. */
async function appendUncommitted(connection: Client, schema: string, event: ReturnType<typeof newEvent>): Promise<void> {
  const stream = uniqueStream('late');
  await connection.query('begin');
  await connection.query('select * from es_append_batch($1, $2)', [
    JSON.stringify([{ streams: [{ stream, expected: -1 }], events: [{ id: event.id, stream, type: event.type, data: {}, metadata: event.metadata }] }]),
    notifyChannel(schema),
  ]);
}

describeOnPostgres('the audit log with an append that commits late (PostgreSQL)', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let early: Client;

  beforeEach(async () => {
    test = await openTestDatabase('postgres', eventStoreMigrations);
    store = await PostgresEventStore.open(test.database);
    early = await test.database.connect(`audit-late-${randomUUID().slice(0, 8)}`);
    // Given transaction A has appended (position p) but not committed, and B appended after it
    // (position p + 1) and committed
    await appendUncommitted(early, test.database.schema, newEvent('Late'));
    await store.append([{ stream: uniqueStream('later'), expectedVersion: 'any', events: [newEvent('Later')] }]);
  });
  afterEach(async () => {
    await early.end();
    await store.close();
    await test.dispose();
  });

  /** Whether a promise has settled yet, without waiting for it. */
  const watch = <T>(promise: Promise<T>) => {
    const state = { settled: false };
    void promise.then(
      () => (state.settled = true),
      () => (state.settled = true),
    );
    return state;
  };

  it('given a page asked for meanwhile, then it waits for A, and gives A before B once A commits', async () => {
    const log = new AuditLog(test.database.pool);

    const reading = log.page({}, 0);
    const state = watch(reading);
    await pause(200);
    expect(state.settled).toBe(false);
    await early.query('commit');
    const page = await reading;

    expect(page.items.map((event) => event.type)).toEqual(['Late', 'Later']);
  });

  it('given an export running meanwhile, then it leaves A out of no batch', async () => {
    const log = new AuditLog(test.database.pool);

    const exported: string[] = [];
    const exporting = (async () => {
      for await (const event of log.stream({}, 1)) exported.push(event.type);
    })();
    await pause(200);
    await early.query('commit');
    await exporting;

    expect(exported).toEqual(['Late', 'Later']);
  });

  it('given A held open beyond the wait limit, then the page fails as not settled rather than passing A', async () => {
    const log = new AuditLog(test.database.pool, undefined, { pageMs: 100, exportBatchMs: 100 });

    await expect(log.page({}, 0)).rejects.toBeInstanceOf(LogNotSettled);

    await early.query('commit');
    expect((await log.page({}, 0)).items.map((event) => event.type)).toEqual(['Late', 'Later']);
  });

  it('given A rolled back, then its position is passed and the page holds B', async () => {
    const log = new AuditLog(test.database.pool);

    const reading = log.page({}, 0);
    await pause(50);
    await early.query('rollback');

    expect((await reading).items.map((event) => event.type)).toEqual(['Later']);
  });
});
