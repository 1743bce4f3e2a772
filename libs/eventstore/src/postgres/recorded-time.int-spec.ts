import { newEvent, uniqueStream } from '../testing/event-store.contract';
import { describeOnPostgres, type TestDatabaseKind } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import type { PostgresEventStore } from './postgres-event-store';

/** Reads carry the recording time as milliseconds since the epoch (EVENT_COLUMNS), not as text. */
function suite(kind: TestDatabaseKind) {
  let db: TestEventStore;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await openTestEventStore(kind);
    store = db.store;
  });
  afterAll(() => db.dispose());

  it('given an event recorded at a time with microseconds, when it is read back, then every read gives that time cut to the millisecond', async () => {
    // Given an event whose stored time has microseconds past 0.5 ms, which rounding would move up
    const stream = uniqueStream('client');
    const appended = await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('Registered')] }]);
    const [{ id, position }] = appended.events;
    await db.database.pool.query(`update es_events set recorded_at = '2026-03-31 23:59:59.999876+00' where event_id = $1`, [id]);
    const expected = new Date('2026-03-31T23:59:59.999Z');

    // When it is read by stream, by several streams and from the whole log
    const byStream = await store.readStream(stream);
    const byStreams = (await store.readStreams([stream])).get(stream)!;
    const fromLog = (await store.readAll({ limit: 1000 })).find((event) => event.position === position)!;

    // Then each read gives the same instant, cut (not rounded) to the millisecond
    for (const event of [byStream[0], byStreams[0], fromLog]) {
      expect(event.recordedAt).toBeInstanceOf(Date);
      expect(event.recordedAt.toISOString()).toBe(expected.toISOString());
    }
  });

  it('given an event just appended, when it is read back, then its time is the one the append answered', async () => {
    const stream = uniqueStream('client');
    const appended = await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('Registered')] }]);

    const [read] = await store.readStream(stream);

    expect(read.recordedAt.getTime()).toBe(appended.events[0].recordedAt.getTime());
  });
}

describe('recorded time on reads, embedded PGlite', () => suite('pglite'));
describeOnPostgres('recorded time on reads, PostgreSQL', () => suite('postgres'));
