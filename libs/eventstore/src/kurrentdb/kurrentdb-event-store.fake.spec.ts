import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RecordedEvent } from '../event-store.port';
import { eventStoreContract, newEvent, uniqueStream } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { FakeKurrentDb } from './testing/fake-kurrentdb';

/**
 * The contract suite against an in-memory stand-in for KurrentDB (see FakeKurrentDb for what it
 * assumes about the server). The real-server run is kurrentdb-event-store.int-spec.ts.
 */
describe('KurrentDbEventStore on an in-memory KurrentDB stand-in', () => {
  eventStoreContract(async () => {
    const store = await KurrentDbEventStore.open(new FakeKurrentDb().client());
    return { store, dispose: () => store.close() };
  });

  describe('beyond the contract', () => {
    let server: FakeKurrentDb;
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      server = new FakeKurrentDb();
      store = await KurrentDbEventStore.open(server.client(), { streamPrefix: 'hub1.' });
    });
    afterEach(() => store.close());

    it('stores streams under its prefix and hides everything else', async () => {
      const stream = uniqueStream();
      const result = await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('A')] }]);

      expect(server.log.map((e) => e.streamId)).toContain(`hub1.${stream}`);
      expect(result.events[0].stream).toBe(stream);
      expect((await store.readAll()).map((e) => e.stream)).toEqual([stream]);
    });

    it('given system events inside a stream, when a page of it is read, then the page still holds as many of its own events as asked', async () => {
      // Given a stream with A, two system events the adapter hides, then B and C
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('A')] }]);
      const system = (type: string) => ({ id: randomUUID(), type, data: {}, metadata: {}, contentType: 'application/json' as const });
      await server.client().appendToStream(`hub1.${stream}`, [system('$one'), system('$two')], {});
      await store.append([{ stream, expectedVersion: 'any', events: [newEvent('B'), newEvent('C')] }]);

      // When two are asked for from the start, then A and B come, not A alone
      expect((await store.readStream(stream, { limit: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
      expect((await store.readStream(stream, { fromVersion: 2, limit: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('recognises a repeated multi-stream append although the server does not deduplicate it', async () => {
      const appends = [
        { stream: uniqueStream(), expectedVersion: 'no_stream' as const, events: [newEvent('A')] },
        { stream: uniqueStream(), expectedVersion: 'any' as const, events: [newEvent('B')] },
      ];
      const first = await store.append(appends);
      const again = await store.append(appends);

      expect(again.alreadyAppended).toBe(true);
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
      expect(await store.readAll()).toHaveLength(2);
    });

    it('refuses an append whose ids are stored in one stream but not the other', async () => {
      const a = uniqueStream();
      const event = newEvent('A');
      await store.append([{ stream: a, expectedVersion: 'no_stream', events: [event] }]);

      await expect(
        store.append([
          { stream: a, expectedVersion: 'no_stream', events: [event] },
          { stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('B')] },
        ]),
      ).rejects.toMatchObject({ name: 'PartiallyDuplicateAppend' });
    });

    it('keeps metadata of a multi-stream append as written, non-string values included', async () => {
      const a = uniqueStream();
      const event = newEvent('WithMetadata');
      event.metadata = { ...event.metadata, attempt: 3, flags: { manual: true } };
      await store.append([
        { stream: a, expectedVersion: 'no_stream', events: [event] },
        { stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('Other')] },
      ]);

      expect((await store.readStream(a))[0].metadata).toEqual(event.metadata);
    });

    it('reports the version conflict of a multi-stream append on the stream that moved', async () => {
      const b = uniqueStream();
      await store.append([{ stream: b, expectedVersion: 'no_stream', events: [newEvent('B1'), newEvent('B2')] }]);

      await expect(
        store.append([
          { stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('A1')] },
          { stream: b, expectedVersion: 1, events: [newEvent('B3')] },
        ]),
      ).rejects.toMatchObject({ name: 'WrongExpectedVersion', stream: b, expected: 1, actual: 2 });
    });

    it('delivers only the wanted types and still settles waits on other positions', async () => {
      const stream = uniqueStream();
      const received: string[] = [];
      const subscription = store.subscribe({
        id: 'typed',
        types: ['Wanted'],
        handler: {
          loadCheckpoint: async () => ({ transactionId: '0', position: 0 }),
          handle: async (events) => void received.push(...events.map((e) => e.type)),
        },
      });
      const result = await store.append([
        { stream, expectedVersion: 'any', events: [newEvent('Wanted'), newEvent('Unwanted')] },
      ]);

      await subscription.waitFor(result.events[1].position, 2_000);
      expect(received).toEqual(['Wanted']);
      expect((await subscription.lag()).behind).toBe(0);
      await subscription.stop();
    });

    it('keeps no batch once it is handled, for as long as it runs', async () => {
      const stream = uniqueStream();
      const handled: Array<WeakRef<RecordedEvent>> = [];
      const subscription = store.subscribe({
        id: 'long-running',
        handler: {
          loadCheckpoint: async () => ({ transactionId: '0', position: 0 }),
          handle: async (events) => void handled.push(...events.map((event) => new WeakRef(event))),
        },
      });
      // Given batches handled one after the other
      let last = 0;
      for (let n = 0; n < 5; n++) {
        const result = await store.append([{ stream, expectedVersion: 'any', events: [newEvent('Handled')] }]);
        last = result.events[0].position;
        await subscription.waitFor(last, 2_000);
      }

      // When memory is collected while the subscription still runs
      await collectGarbage();

      // Then no handled event is held any more (the last one at most, by the batch in hand)
      expect(handled.length).toBe(5);
      expect(handled.slice(0, -1).filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
      await subscription.stop();
    });
  });
});

/** A full collection, then a turn of the event loop: weak references are cleared only after the current job. */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let round = 0; round < 2; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
