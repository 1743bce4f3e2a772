import { randomUUID } from 'node:crypto';
import type { JsonObject, StreamAppend } from '../event-store.port';
import { PersonalDataEventStore } from '../personal-data/personal-data-event-store';
import type { PersonalDataPolicy } from '../personal-data/personal-data-policy';
import { isSealedValue } from '../personal-data/sealed-value';
import { newEvent, retryOf, uniqueStream } from '../testing/event-store.contract';
import { InMemorySubjectKeys } from '../testing/in-memory-subject-keys';
import { testDatabaseKinds as kinds } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Retries as PostgreSQL judges them: es_append_batch finds an append's ids stored, and the store
 * checks the stored events are the ones asked for before it answers "already appended". The
 * shared contract holds the cases every adapter meets (another type, other data); these are
 * PostgreSQL's own: ids unique across streams, and retries through the personal-data wrapper.
 */
describe.each(kinds)('appending again under stored event ids, on %s', (kind) => {
  let test: TestEventStore;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestEventStore(kind);
    store = test.store;
  });
  afterAll(() => test.dispose());

  const countEvents = async () => Number((await test.database.pool.query<{ n: string }>('select count(*) as n from es_events')).rows[0].n);

  /** Stores one event in a new stream, and returns the stream, the event and the log's size after it. */
  async function storedOne(data: JsonObject = { name: 'Jansen', city: 'Utrecht' }) {
    const stream = uniqueStream('retry');
    const event = newEvent('Registered', data);
    await store.append([{ stream, expectedVersion: 'no_stream', events: [event] }]);
    return { stream, event, count: await countEvents() };
  }

  describe('a retry that is the same request', () => {
    it('given a stored event, when it comes again with its data in another key order and an undefined member, then it is the same request and answered as stored', async () => {
      // Given an event stored
      const { stream, event, count } = await storedOne({ b: 1, a: { d: [1, { y: 2, x: 3 }], c: 'text' } });

      // When it comes again: the same JSON, spelled differently, with metadata of its own
      const again = await store.append([
        { stream, expectedVersion: 'no_stream', events: [retryOf(event, { data: { a: { c: 'text', d: [1, { x: 3, y: 2 }] }, b: 1, gone: undefined } })] },
      ]);

      // Then the stored event is the answer, and nothing was written
      expect(again.alreadyAppended).toBe(true);
      expect(again.events).toEqual(await store.readStream(stream));
      expect(again.events[0].metadata.correlationId).toBe(event.metadata.correlationId);
      expect(await countEvents()).toBe(count);
    });

    it('given an event stored at an older schema version, when it comes again at the current one, then it is compared as readers see it (upcast) and answered upcast', async () => {
      // Given an event stored before its type had an upcaster
      const { stream, event, count } = await storedOne({ name: 'Jan de Vries' });
      // and a store whose upcaster lifts that type to version 2
      const upgraded = await PostgresEventStore.open(test.database, {
        upcasters: [{ type: 'Registered', from: 1, upcast: (data) => ({ fullName: data.name }) }],
      });
      try {
        // When the command is repeated there, deciding the version 2 shape
        const again = await upgraded.append([
          { stream, expectedVersion: 'no_stream', events: [retryOf(event, { data: { fullName: 'Jan de Vries' } })] },
        ]);

        // Then it is the same request, answered as readers see the stored event
        expect(again.alreadyAppended).toBe(true);
        expect(again.events).toEqual(await upgraded.readStream(stream));
        expect(again.events[0]).toMatchObject({ data: { fullName: 'Jan de Vries' }, metadata: { correlationId: event.metadata.correlationId, schemaVersion: 2 } });
        expect(await countEvents()).toBe(count);
      } finally {
        await upgraded.close();
      }
    });
  });

  describe('a retry that decided differently', () => {
    it('given a stored event, when its id comes again for another stream, then the append is refused and that stream stays empty', async () => {
      // Given an event stored in one stream
      const { stream, event, count } = await storedOne();

      // When its id comes again in an append to another stream
      const other = uniqueStream('elsewhere');
      const refused = store.append([{ stream: other, expectedVersion: 'no_stream', events: [retryOf(event)] }]);

      // Then it is refused, naming both streams
      await expect(refused).rejects.toMatchObject({
        name: 'EventIdReused',
        eventId: event.id,
        stored: { stream, type: 'Registered' },
        requested: { stream: other, type: 'Registered' },
      });
      // And nothing was written
      expect(await store.readStream(other)).toEqual([]);
      expect(await countEvents()).toBe(count);
    });
  });

  describe('event ids spelled other than canonically', () => {
    it('given an upper-case id, when the event is appended, then it is stored and answered lower-case, and a retry in either case finds it', async () => {
      // Given an event whose id is spelled in upper case
      const stream = uniqueStream('upper');
      const event = newEvent('Shouted');
      const upper = { ...event, id: event.id.toUpperCase() };

      // When it is appended
      const result = await store.append([{ stream, expectedVersion: 'no_stream', events: [upper] }]);

      // Then it is stored and answered with the id lower-case, as PostgreSQL spells it
      expect(result.alreadyAppended).toBe(false);
      expect(result.events.map((e) => [e.id, e.type])).toEqual([[event.id, 'Shouted']]);
      expect((await store.readStream(stream)).map((e) => e.id)).toEqual([event.id]);
      // And a retry finds it stored, whichever the case
      for (const id of [upper.id, event.id]) {
        const again = await store.append([{ stream, expectedVersion: 'no_stream', events: [{ ...retryOf(event), id }] }]);
        expect(again.alreadyAppended).toBe(true);
        expect(again.events.map((e) => e.id)).toEqual([event.id]);
      }
    });

    it.each([
      ['in braces', (id: string) => `{${id}}`],
      ['without hyphens', (id: string) => id.replace(/-/g, '')],
      ['with hyphens moved', (id: string) => `${id.replace(/-/g, '').replace(/(.{4})/g, '$1-').slice(0, -1)}`],
      ['with spaces around', (id: string) => ` ${id} `],
      ['not a UUID', () => 'event-1'],
    ])('given an id %s, when the event is appended, then it is refused before anything is written', async (_, spell) => {
      // Given an id PostgreSQL would read as a UUID (or not at all), not spelled canonically
      const stream = uniqueStream('spelled');
      const event = { ...newEvent('Spelled'), id: spell(randomUUID()) };
      const count = await countEvents();

      // When it is appended, alone or with a well-spelled event
      const alone = store.append([{ stream, expectedVersion: 'no_stream', events: [event] }]);
      const together = store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('Fine'), event] }]);

      // Then both are refused, saying why, and nothing is written
      await expect(alone).rejects.toThrow('is not a UUID in canonical form');
      await expect(together).rejects.toThrow('is not a UUID in canonical form');
      expect(await store.readStream(stream)).toEqual([]);
      expect(await countEvents()).toBe(count);
    });
  });

  describe('through the personal-data wrapper', () => {
    /** `data.bsn` is personal data of the subject `person:<data.personId>`. */
    const policy: PersonalDataPolicy = {
      erasedValue: 'erased',
      targetsOf: (event) =>
        typeof event.data.personId === 'string' ? [{ subject: `person:${event.data.personId}`, scope: 'test', paths: [['bsn']] }] : [],
      erasedSubjectsOf: () => [],
    };
    let sealing: PersonalDataEventStore;
    beforeAll(() => {
      sealing = new PersonalDataEventStore(store, new InMemorySubjectKeys(), policy);
    });

    const registration = (personId: string, data: JsonObject = {}): StreamAppend => ({
      stream: `person-${personId}`,
      expectedVersion: 'no_stream',
      events: [newEvent('PersonRegistered', { personId, bsn: '111222333', city: 'Utrecht', ...data })],
    });
    const rawData = async (stream: string) =>
      (await test.database.pool.query<{ data: JsonObject }>('select data from es_events where stream_name = $1', [stream])).rows.map((r) => r.data);

    it('given an event with a sealed field stored, when the same command comes again (sealed anew), then it is the same request, answered as stored', async () => {
      // Given an event whose BSN was sealed when it was stored
      const personId = randomUUID();
      const first = registration(personId);
      await sealing.append([first]);
      const sealed = await rawData(first.stream);
      expect(isSealedValue(sealed[0].bsn)).toBe(true);

      // When the same command comes again: the wrapper seals the BSN again, with another IV
      const retry = { ...first, events: first.events.map((e) => retryOf(e)) };
      const again = await sealing.append([retry]);

      // Then it is taken for a retry, answered with the stored metadata, and the stored ciphertext is untouched
      expect(again.alreadyAppended).toBe(true);
      expect(again.events[0]).toMatchObject({ id: first.events[0].id, data: { bsn: '111222333' }, metadata: first.events[0].metadata });
      expect(await rawData(first.stream)).toEqual(sealed);
    });

    it('given an event with a sealed field stored, when its id comes again with another plain field, then it is refused', async () => {
      // Given an event with a sealed BSN stored
      const personId = randomUUID();
      const first = registration(personId);
      await sealing.append([first]);
      const count = await countEvents();

      // When its id comes again with another city (the BSN the same, sealed anew)
      const changed = { ...first, events: first.events.map((e) => retryOf(e, { data: { ...e.data, city: 'Zeist' } })) };

      // Then the append is refused, and nothing is written
      await expect(sealing.append([changed])).rejects.toMatchObject({ name: 'EventIdReused', eventId: first.events[0].id });
      expect(await countEvents()).toBe(count);
    });
  });
});
