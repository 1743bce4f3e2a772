import { randomUUID } from 'node:crypto';
import { eventStoreContract, newEvent, uniqueStream } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The shared contract against a real KurrentDB 25.1+ (`KURRENTDB_URL`, e.g.
 * `kurrentdb://localhost:2113?tls=false`). `$all` is shared by everything on that server, and the
 * contract reads it from the start, so every store opened here gets a stream prefix of its own.
 */
const kurrentDbUrl = process.env.KURRENTDB_URL;

const describeOnKurrentDb: jest.Describe = kurrentDbUrl ? describe : describe.skip;
if (!kurrentDbUrl) {
  // eslint-disable-next-line no-console
  console.warn('KURRENTDB_URL is not set: the KurrentDB adapter contract suite is skipped');
}
const runId = randomUUID().slice(0, 8);
let opened = 0;

const openStore = () => KurrentDbEventStore.open(kurrentDbUrl!, { streamPrefix: `kh${runId}x${++opened}.` });

describeOnKurrentDb('KurrentDbEventStore on a KurrentDB server', () => {
  eventStoreContract(async () => {
    const store = await openStore();
    return { store, dispose: () => store.close() };
  });

  describe('beyond the contract', () => {
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('reports the server version it checked', () => {
      expect(store.serverVersion.major * 100 + store.serverVersion.minor).toBeGreaterThanOrEqual(2501);
    });

    it('keeps metadata of a multi-stream append as written, non-string values included', async () => {
      const a = uniqueStream();
      const b = uniqueStream();
      const event = newEvent('WithMetadata');
      event.metadata = { ...event.metadata, reason: 'backdated', attempt: 3, flags: { manual: true } };
      await store.append([
        { stream: a, expectedVersion: 'no_stream', events: [event] },
        { stream: b, expectedVersion: 'no_stream', events: [newEvent('Other')] },
      ]);

      const [stored] = await store.readStream(a);
      expect(stored.metadata).toEqual(event.metadata);
    });

    it('recognises a repeated multi-stream append and writes nothing', async () => {
      const appends = [
        { stream: uniqueStream(), expectedVersion: 'no_stream' as const, events: [newEvent('A')] },
        { stream: uniqueStream(), expectedVersion: 'no_stream' as const, events: [newEvent('B')] },
      ];
      const first = await store.append(appends);
      const again = await store.append(appends);

      expect(again.alreadyAppended).toBe(true);
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
      expect(await store.readAll()).toHaveLength(2);
    });

    it('hides other prefixes and system events from readAll and headPosition', async () => {
      const other = await openStore();
      try {
        const mine = await store.append([
          { stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('Mine')] },
        ]);
        await other.append([{ stream: uniqueStream(), expectedVersion: 'any', events: [newEvent('Theirs')] }]);

        expect((await store.readAll()).map((e) => e.type)).toEqual(['Mine']);
        expect(await store.headPosition()).toBe(mine.events[0].position);
      } finally {
        await other.close();
      }
    });
  });
});
