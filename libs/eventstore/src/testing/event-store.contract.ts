import { randomUUID } from 'node:crypto';
import { EventIdReused, WrongExpectedVersion } from '../errors';
import {
  type Checkpoint,
  type EventStore,
  type FoldableEvent,
  type NewEvent,
  type RecordedEvent,
  START_CHECKPOINT,
  type SubscriptionHandler,
} from '../event-store.port';

export interface ContractSubject {
  store: EventStore;
  dispose(): Promise<void>;
}

export function newEvent(type = 'Happened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: { actor: 'contract-test', commandId: randomUUID(), correlationId: randomUUID() },
  };
}

export const uniqueStream = (category = 'test'): string => `${category}-${randomUUID()}`;

/** A retry of `event`, as a repeated command sends it: the same id, metadata of its own, and whatever else `change` says. */
export const retryOf = (event: NewEvent, change: Partial<NewEvent> = {}): NewEvent => ({
  ...event,
  metadata: { ...event.metadata, correlationId: randomUUID(), requestedAt: new Date().toISOString() },
  ...change,
});

/** What a fold reads of an event, and no more: an adapter may answer `readForFold` with whole events. */
const foldable = ({ position, transactionId, type, data, recordedAt }: FoldableEvent): FoldableEvent => ({ position, transactionId, type, data, recordedAt });

/** A handler that keeps what it receives and its checkpoint in memory. */
export class RecordingHandler implements SubscriptionHandler {
  readonly received: RecordedEvent[] = [];
  checkpoint: Checkpoint = START_CHECKPOINT;

  async loadCheckpoint(): Promise<Checkpoint> {
    return this.checkpoint;
  }

  async handle(events: RecordedEvent[], checkpoint: Checkpoint): Promise<void> {
    this.received.push(...events);
    this.checkpoint = checkpoint;
  }
}

/**
 * The behaviour every EventStore adapter must show. Run it from an adapter's own test file with a
 * factory giving a fresh, empty store.
 */
export function eventStoreContract(open: () => Promise<ContractSubject>): void {
  let subject: ContractSubject;
  let store: EventStore;

  beforeEach(async () => {
    subject = await open();
    store = subject.store;
  });
  afterEach(async () => {
    await subject.dispose();
  });

  describe('appending to one stream', () => {
    it('numbers a new stream from version 1 and gives increasing global positions', async () => {
      const stream = uniqueStream();
      const result = await store.append([
        { stream, expectedVersion: 'no_stream', events: [newEvent('A'), newEvent('B'), newEvent('C')] },
      ]);

      expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(result.streamVersions[stream]).toBe(3);
      const positions = result.events.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('appends after the version the writer read', async () => {
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('A')] }]);
      await store.append([{ stream, expectedVersion: 1, events: [newEvent('B')] }]);

      expect((await store.readStream(stream)).map((e) => [e.type, e.streamVersion])).toEqual([
        ['A', 1],
        ['B', 2],
      ]);
    });

    it('refuses a stale expected version with a conflict and writes nothing', async () => {
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('A'), newEvent('B')] }]);

      await expect(store.append([{ stream, expectedVersion: 1, events: [newEvent('C')] }])).rejects.toMatchObject({
        name: 'WrongExpectedVersion',
        stream,
        actual: 2,
      });
      await expect(
        store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('C')] }]),
      ).rejects.toBeInstanceOf(WrongExpectedVersion);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('reads a stream from a given version', async () => {
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'any', events: [newEvent('A'), newEvent('B'), newEvent('C')] }]);
      expect((await store.readStream(stream, { fromVersion: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('reads a page of a stream: at most so many events from a given version', async () => {
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'any', events: ['A', 'B', 'C', 'D'].map((type) => newEvent(type)) }]);
      expect((await store.readStream(stream, { limit: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
      expect((await store.readStream(stream, { fromVersion: 3, limit: 2 })).map((e) => e.type)).toEqual(['C', 'D']);
      expect(await store.readStream(stream, { fromVersion: 5, limit: 2 })).toEqual([]);
    });

    it('reads several streams at once, each whole and in version order', async () => {
      const [a, b, unknown] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store.append([{ stream: a, expectedVersion: 'no_stream', events: [newEvent('A1'), newEvent('A2')] }]);
      await store.append([{ stream: b, expectedVersion: 'no_stream', events: [newEvent('B1')] }]);
      await store.append([{ stream: a, expectedVersion: 2, events: [newEvent('A3')] }]);

      const read = await store.readStreams([a, b, unknown]);

      expect(read.get(a)?.map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
      expect(read.get(b)?.map((e) => e.type)).toEqual(['B1']);
      expect(read.get(unknown)).toEqual([]);
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store.readStream(uniqueStream())).toEqual([]);
    });
  });

  describe('appending to several streams at once', () => {
    it('writes all streams or none: one stale version refuses the whole append', async () => {
      const a = uniqueStream();
      const b = uniqueStream();
      await store.append([{ stream: b, expectedVersion: 'no_stream', events: [newEvent('B1')] }]);

      await expect(
        store.append([
          { stream: a, expectedVersion: 'no_stream', events: [newEvent('A1')] },
          { stream: b, expectedVersion: 'no_stream', events: [newEvent('B2')] },
        ]),
      ).rejects.toMatchObject({ name: 'WrongExpectedVersion', stream: b });

      expect(await store.readStream(a)).toEqual([]);
      expect(await store.readStream(b)).toHaveLength(1);
    });

    it('writes every stream with its own versions when all match', async () => {
      const a = uniqueStream();
      const b = uniqueStream();
      await store.append([{ stream: b, expectedVersion: 'no_stream', events: [newEvent('B1')] }]);

      const result = await store.append([
        { stream: a, expectedVersion: 'no_stream', events: [newEvent('A1')] },
        { stream: b, expectedVersion: 1, events: [newEvent('B2')] },
      ]);

      expect(result.streamVersions).toEqual({ [a]: 1, [b]: 2 });
    });
  });

  describe('idempotent event ids', () => {
    it('appends nothing when the same events are appended again, and returns the stored ones', async () => {
      const stream = uniqueStream();
      const events = [newEvent('A'), newEvent('B')];
      const first = await store.append([{ stream, expectedVersion: 'no_stream', events }]);

      const again = await store.append([{ stream, expectedVersion: 'no_stream', events }]);

      expect(again.alreadyAppended).toBe(true);
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.headPosition()).toBe(first.events[1].position);
    });

    it('given stored events, when a retry sends the same ids and content with metadata of its own, then it is answered with the events as the log holds them', async () => {
      // Given two events stored
      const stream = uniqueStream();
      const events = [newEvent('A', { name: 'first', nested: { list: [1, 2] } }), newEvent('B', { name: 'second' })];
      const first = await store.append([{ stream, expectedVersion: 'no_stream', events }]);

      // When a retry sends the same ids, types and data, but new metadata (as a repeated command does)
      const again = await store.append([{ stream, expectedVersion: 'no_stream', events: events.map((e) => retryOf(e)) }]);

      // Then it is told the events were there, and given them as stored: the first metadata, the first positions
      expect(again.alreadyAppended).toBe(true);
      expect(again.events).toEqual(await store.readStream(stream));
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
      expect(again.events.map((e) => e.metadata.correlationId)).toEqual(events.map((e) => e.metadata.correlationId));
      expect(again.streamVersions).toEqual({ [stream]: 2 });
      expect(await store.headPosition()).toBe(first.events[1].position);
    });

    it.each([
      ['another type', (event: NewEvent) => retryOf(event, { type: 'Changed' })],
      ['other data', (event: NewEvent) => retryOf(event, { data: { name: 'Pietersen', city: 'Utrecht' } })],
      ['a member more', (event: NewEvent) => retryOf(event, { data: { name: 'Jansen', city: 'Utrecht', extra: null } })],
    ])('given a stored event, when its id comes again with %s, then the append is refused as no retry, names no data, and writes nothing', async (_, change) => {
      // Given an event stored
      const stream = uniqueStream('retry');
      const event = newEvent('Registered', { name: 'Jansen', city: 'Utrecht' });
      await store.append([{ stream, expectedVersion: 'no_stream', events: [event] }]);
      const before = await store.readStream(stream);
      const head = await store.headPosition();

      // When its id comes again for another event
      const refused = store.append([{ stream, expectedVersion: 'no_stream', events: [change(event)] }]);

      // Then it is refused, naming the id, the stream and the type, never the data
      await expect(refused).rejects.toBeInstanceOf(EventIdReused);
      const error = (await refused.catch((e: unknown) => e)) as EventIdReused;
      expect(error).toMatchObject({ name: 'EventIdReused', eventId: event.id, stored: { stream, type: 'Registered' } });
      expect(error.message).toContain(event.id);
      expect(error.message).not.toMatch(/Jansen|Pietersen|Utrecht/);
      // And the log is as it was
      expect(await store.readStream(stream)).toEqual(before);
      expect(await store.headPosition()).toBe(head);
    });

    it('given two events stored together, when a retry changes only the second, then the whole append is refused', async () => {
      // Given two events stored in one append
      const stream = uniqueStream('pair');
      const events = [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })];
      await store.append([{ stream, expectedVersion: 'no_stream', events }]);
      const head = await store.headPosition();

      // When a retry sends the first as it was and the second changed
      const refused = store.append([{ stream, expectedVersion: 'no_stream', events: [retryOf(events[0]), retryOf(events[1], { data: { n: 3 } })] }]);

      // Then it is refused on the second, and nothing is written
      await expect(refused).rejects.toMatchObject({ name: 'EventIdReused', eventId: events[1].id });
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('concurrent appends', () => {
    it('judges each append on its own: the stale ones are refused, the rest land once', async () => {
      // Given a stream at version 1, and events about to be sent twice
      const existing = uniqueStream();
      await store.append([{ stream: existing, expectedVersion: 'no_stream', events: [newEvent('E1')] }]);
      const contested = uniqueStream();
      const repeated = { stream: uniqueStream(), expectedVersion: 'no_stream' as const, events: [newEvent('R1')] };
      const fresh = Array.from({ length: 12 }, () => uniqueStream());

      // When they are all appended at once
      const [stale, ...results] = await Promise.allSettled([
        store.append([{ stream: existing, expectedVersion: 'no_stream', events: [newEvent('Stale')] }]),
        ...fresh.map((stream) => store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('F1'), newEvent('F2')] }])),
        store.append([{ stream: contested, expectedVersion: 'no_stream', events: [newEvent('C1')] }]),
        store.append([{ stream: contested, expectedVersion: 'no_stream', events: [newEvent('C1')] }]),
        store.append([repeated]),
        store.append([repeated]),
      ]);

      // Then the stale one is refused and wrote nothing
      expect(stale).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedVersion', stream: existing } });
      expect(await store.readStream(existing)).toHaveLength(1);
      // And every fresh stream holds its two events
      for (const stream of fresh) expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2]);
      // And of the two racing for a new stream exactly one won
      const race = results.slice(fresh.length, fresh.length + 2);
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await store.readStream(contested)).toHaveLength(1);
      // And the repeated events were stored once, both callers seeing the same positions
      const twice = results.slice(fresh.length + 2) as Array<PromiseFulfilledResult<Awaited<ReturnType<EventStore['append']>>>>;
      expect(twice.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(twice.map((r) => r.value.alreadyAppended)).toContain(false);
      expect(twice[0].value.events[0].position).toBe(twice[1].value.events[0].position);
      expect(await store.readStream(repeated.stream)).toHaveLength(1);
    });
  });

  describe('reading everything', () => {
    it('reads all streams after a checkpoint, in delivery order, page by page', async () => {
      const a = uniqueStream();
      const b = uniqueStream();
      await store.append([{ stream: a, expectedVersion: 'any', events: [newEvent('A1'), newEvent('A2')] }]);
      await store.append([{ stream: b, expectedVersion: 'any', events: [newEvent('B1')] }]);
      await store.append([{ stream: a, expectedVersion: 'any', events: [newEvent('A3')] }]);

      const firstPage = await store.readAll({ limit: 2 });
      const last = firstPage[firstPage.length - 1];
      const secondPage = await store.readAll({ after: { transactionId: last.transactionId, position: last.position } });

      expect([...firstPage, ...secondPage].map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
    });

    it('given events of several types, when read for a fold, then it answers the events readAll answers with their type, data, time and place', async () => {
      // Given events of three types over two streams
      const a = uniqueStream();
      const b = uniqueStream();
      await store.append([{ stream: a, expectedVersion: 'any', events: [newEvent('Kept', { n: 1 }), newEvent('Passed', { n: 2 })] }]);
      await store.append([{ stream: b, expectedVersion: 'any', events: [newEvent('Kept', { n: 3, nested: { list: ['x'] } }), newEvent('AlsoKept', { n: 4 })] }]);
      const types = ['Kept', 'AlsoKept'];
      const whole = await store.readAll({ types });

      // When read for a fold, a page at a time
      const firstPage = await store.readForFold({ types, limit: 2 });
      const last = firstPage[firstPage.length - 1];
      const secondPage = await store.readForFold({ types, after: { transactionId: last.transactionId, position: last.position } });

      // Then the same events in the same order, each with what a fold reads of it
      expect([...firstPage, ...secondPage].map(foldable)).toEqual(whole.map(foldable));
      expect(whole.map((e) => e.data.n)).toEqual([1, 3, 4]);
    });
  });

  describe('a catch-up subscription', () => {
    it('delivers existing and new events once each and reports its lag', async () => {
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'any', events: [newEvent('A'), newEvent('B')] }]);
      const handler = new RecordingHandler();
      const subscription = store.subscribe({ id: 'contract', handler });

      const appended = await store.append([{ stream, expectedVersion: 'any', events: [newEvent('C')] }]);
      await subscription.waitFor(appended.events[0].position);

      expect(handler.received.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(await subscription.lag()).toMatchObject({ behind: 0, headPosition: appended.events[0].position });
      await subscription.stop();
    });

    it('given events of several types, when subscribed for a fold, then it hands on what readForFold reads, once each', async () => {
      // Given events of the subscription's type and of another
      const stream = uniqueStream();
      await store.append([{ stream, expectedVersion: 'any', events: [newEvent('Kept', { n: 1 }), newEvent('Passed'), newEvent('Kept', { n: 2 })] }]);
      const received: FoldableEvent[] = [];
      let stored = START_CHECKPOINT;

      // When a fold subscribes, and one more comes
      const subscription = store.subscribeForFold({
        id: 'contract-fold',
        types: ['Kept'],
        handler: {
          loadCheckpoint: async () => stored,
          handle: async (events, checkpoint) => {
            received.push(...events);
            stored = checkpoint;
          },
        },
      });
      const appended = await store.append([{ stream, expectedVersion: 'any', events: [newEvent('Kept', { n: 3 })] }]);
      await subscription.waitFor(appended.events[0].position);
      await subscription.stop();

      // Then it got each event of its type once, as readForFold reads them
      expect(received.map((e) => e.data.n)).toEqual([1, 2, 3]);
      expect(received.map(foldable)).toEqual((await store.readForFold({ types: ['Kept'] })).map(foldable));
      expect(stored.position).toBe(appended.events[0].position);
    });

    it('resumes after its checkpoint without redelivering', async () => {
      const stream = uniqueStream();
      const handler = new RecordingHandler();
      const first = await store.append([{ stream, expectedVersion: 'any', events: [newEvent('A')] }]);
      const subscription = store.subscribe({ id: 'resume', handler });
      await subscription.waitFor(first.events[0].position);
      await subscription.stop();

      const second = await store.append([{ stream, expectedVersion: 'any', events: [newEvent('B')] }]);
      const resumed = store.subscribe({ id: 'resume', handler });
      await resumed.waitFor(second.events[0].position);

      expect(handler.received.map((e) => e.type)).toEqual(['A', 'B']);
      await resumed.stop();
    });

    it('retries a failing handler from its checkpoint, so no event is lost or doubled', async () => {
      const stream = uniqueStream();
      const handler = new RecordingHandler();
      let failures = 2;
      const flaky: SubscriptionHandler = {
        loadCheckpoint: () => handler.loadCheckpoint(),
        handle: async (events, checkpoint) => {
          if (failures-- > 0) throw new Error('handler down');
          await handler.handle(events, checkpoint);
        },
      };
      const appended = await store.append([{ stream, expectedVersion: 'any', events: [newEvent('A'), newEvent('B')] }]);
      const subscription = store.subscribe({ id: 'flaky', handler: flaky });
      await subscription.waitFor(appended.events[1].position);

      expect(handler.received.map((e) => e.type)).toEqual(['A', 'B']);
      await subscription.stop();
    });

    it('sees every event exactly once, each stream in version order, while many writers append', async () => {
      const writers = 8;
      const appendsPerWriter = 25;
      const shared = uniqueStream('shared');
      const handler = new RecordingHandler();
      const subscription = store.subscribe({ id: 'concurrent', handler, batchSize: 37 });

      const writer = async (w: number) => {
        const own = uniqueStream(`writer${w}`);
        for (let i = 0; i < appendsPerWriter; i++) {
          const streams = [{ stream: own, expectedVersion: 'any' as const, events: [newEvent('Own'), newEvent('Own')] }];
          // Every third append also touches a stream all writers share.
          if (i % 3 === 0) streams.push({ stream: shared, expectedVersion: 'any', events: [newEvent('Shared')] });
          await store.append(streams);
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      await subscription.waitFor(await store.headPosition(), 30_000);
      await subscription.stop();

      const expected = writers * appendsPerWriter * 2 + writers * Math.ceil(appendsPerWriter / 3);
      const ids = handler.received.map((e) => e.id);
      expect(ids).toHaveLength(expected);
      expect(new Set(ids).size).toBe(expected);
      const versionsByStream = new Map<string, number[]>();
      for (const event of handler.received) {
        versionsByStream.set(event.stream, [...(versionsByStream.get(event.stream) ?? []), event.streamVersion]);
      }
      for (const versions of versionsByStream.values()) {
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
    });
  });
}
