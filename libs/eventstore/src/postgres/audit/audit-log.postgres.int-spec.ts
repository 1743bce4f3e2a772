import { randomUUID } from 'node:crypto';
import type { Client, Pool } from 'pg';
import { LogNotSettled } from '../../errors';
import { newEvent, uniqueStream } from '../../testing/event-store.contract';
import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { eventStoreMigrations } from '../migrations/eventstore.migrations';
import { PostgresEventStore } from '../postgres-event-store';
import { AuditLog } from './audit-log';
import { appendUncommitted } from '../../testing/uncommitted-append';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    const log = new AuditLog(test.database.pool, undefined, { pageMs: 100, exportMs: 100 });

    await expect(log.page({}, 0)).rejects.toBeInstanceOf(LogNotSettled);

    await early.query('commit');
    expect((await log.page({}, 0)).items.map((event) => event.type)).toEqual(['Late', 'Later']);
  });

  it('given a writer that starts after the log was looked at, then the page stops at the settled position rather than pass it', async () => {
    await early.query('commit');
    const laterStill = await test.database.connect(`audit-later-${randomUUID().slice(0, 8)}`);
    // Right after the page has looked at who writes to the log: C appends (open), then D commits.
    let writersLookedAt = false;
    const watched = {
      query: async (text: string, values?: unknown[]) => {
        const result = await test.database.pool.query(text, values);
        if (!writersLookedAt && text.includes('pg_locks')) {
          writersLookedAt = true;
          await appendUncommitted(laterStill, test.database.schema, newEvent('C'));
          await store.append([{ stream: uniqueStream('d'), expectedVersion: 'any', events: [newEvent('D')] }]);
        }
        return result;
      },
    } as unknown as Pool;
    const log = new AuditLog(watched);

    try {
      const page = await log.page({}, 0);
      expect(page.items.map((event) => event.type)).toEqual(['Late', 'Later']);

      await laterStill.query('commit');
      const next = await log.page({}, page.items.at(-1)!.position);
      expect(next.items.map((event) => event.type)).toEqual(['C', 'D']);
    } finally {
      await laterStill.end();
    }
  });

  it('given an export under way, when a writer then holds an append open past the wait limit, then the export ends whole, as the log stood when it began', async () => {
    await early.query('commit');
    const log = new AuditLog(test.database.pool, undefined, { pageMs: 100, exportMs: 100 });
    const events = log.stream({}, 1);
    const exported = [(await events.next()).value!.type];
    // C appends and stays open beyond the wait limit; D commits after the export began
    const laterStill = await test.database.connect(`audit-held-${randomUUID().slice(0, 8)}`);
    try {
      await appendUncommitted(laterStill, test.database.schema, newEvent('C'));
      await store.append([{ stream: uniqueStream('d'), expectedVersion: 'any', events: [newEvent('D')] }]);
      await pause(200);

      for await (const event of events) exported.push(event.type);

      expect(exported).toEqual(['Late', 'Later']);
    } finally {
      await laterStill.end();
    }
  });

  it('given A rolled back, then the page does not wait on its position and holds B', async () => {
    const log = new AuditLog(test.database.pool);

    const reading = log.page({}, 0);
    await pause(50);
    await early.query('rollback');

    expect((await reading).items.map((event) => event.type)).toEqual(['Later']);
  });
});
