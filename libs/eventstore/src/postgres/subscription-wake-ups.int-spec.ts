import { eventually } from '../testing/eventually';
import { newEvent, RecordingHandler, uniqueStream } from '../testing/event-store.contract';
import { describeOnPostgres, type TestDatabaseKind } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import { NOTIFY_GAP_MS } from './append-signal';
import type { PostgresEventStore } from './postgres-event-store';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * On PGlite the appends wake this process's subscriptions directly; on a server each batch's
 * NOTIFY also comes back to the store that sent it, which must not wake them a second time.
 */
function wakeUps(kind: TestDatabaseKind): void {
  let test: TestEventStore;
  let store: PostgresEventStore;

  beforeEach(async () => {
    test = await openTestEventStore(kind);
    store = test.store;
  });
  afterEach(() => test.dispose());

  const appendOne = (type: string) => store.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent(type)] }]);

  it('sleep through appends of types they do not take, and wake for their own', async () => {
    // Given an idle subscription to one type, and one to every type, in the process that appends
    const picky = new RecordingHandler();
    const all = new RecordingHandler();
    const subscriptions = [store.subscribe({ id: 'picky', handler: picky, types: ['Wanted'] }), store.subscribe({ id: 'all', handler: all })];
    await pause(200);
    const reads = jest.spyOn(store, 'readAll');
    try {
      // When events of another type are appended one at a time, apart enough that on a server
      // each batch carries a NOTIFY
      for (let i = 0; i < 5; i++) {
        await appendOne('Other');
        await pause(4 * NOTIFY_GAP_MS);
      }
      await eventually(() => all.received.length, (count) => count === 5);
      await pause(200);

      // Then only the subscription to every type read them
      expect(reads.mock.calls.every(([options]) => options?.types === undefined)).toBe(true);
      expect(picky.received).toEqual([]);

      // When an event of its type is appended, it is woken and handles it
      await appendOne('Wanted');
      await eventually(() => picky.received.map((e) => e.type), (types) => types.length === 1);
      expect(picky.received.map((e) => e.type)).toEqual(['Wanted']);
      expect(reads.mock.calls.some(([options]) => options?.types?.includes('Wanted'))).toBe(true);
    } finally {
      reads.mockRestore();
      for (const subscription of subscriptions) await subscription.stop();
    }
  });
}

describe('Subscriptions woken by appends in this process, embedded PGlite', () => wakeUps('pglite'));
describeOnPostgres('Subscriptions woken by appends in this process, PostgreSQL server', () => wakeUps('postgres'));
