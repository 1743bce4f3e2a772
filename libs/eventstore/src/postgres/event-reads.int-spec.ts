import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { newEvent, uniqueStream } from '../testing/event-store.contract';
import { describeOnPostgres, type TestDatabaseKind } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import { AuditLog } from './audit/audit-log';
import type { PostgresEventStore } from './postgres-event-store';

/** What a read answers, less the recording time (the cases below look at that). */
const asRead = ({ recordedAt: _recordedAt, ...rest }: RecordedEvent) => rest;

/**
 * Every read of the log (by stream, by streams, from the log, through the audit log) turns a row
 * into an event the same way (EVENT_COLUMNS): names, types and data come back as they went in,
 * whatever characters they hold, and the recording time as milliseconds since the epoch.
 */
function suite(kind: TestDatabaseKind) {
  let db: TestEventStore;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await openTestEventStore(kind);
    store = db.store;
  });
  afterAll(() => db.dispose());

  it('given events whose stream, type, data and metadata hold quotes, backslashes, control characters and non-ASCII, when read by every read, then each comes back as appended', async () => {
    // Given an event with every character JSON has to escape, in every field that is text
    const awkward = `"quoted" \\ back\\slash \n line\tTab \u0001 ünïcødé € 😀 \u2028 end`;
    const stream = `client-${awkward}-${randomUUID()}`;
    const event: NewEvent = {
      id: randomUUID(),
      type: `Happened ${awkward}`,
      data: {
        text: awkward,
        [awkward]: 'a key like it',
        numbers: [0, -1, 0.1, 1.5e-7, 9007199254740991],
        flags: [true, false, null],
        nested: { empty: {}, none: [], deeper: [{ text: awkward }] },
      },
      metadata: { actor: awkward, commandId: randomUUID(), correlationId: randomUUID() },
    };
    const appended = await store.append([{ stream, expectedVersion: 'no_stream', events: [event] }]);
    const expected = { ...asRead(appended.events[0]), data: event.data, metadata: expect.objectContaining(event.metadata) };

    // When it is read by stream, by several streams, from the whole log and through the audit log
    const audit = new AuditLog(db.database.pool);
    const exported: RecordedEvent[] = [];
    for await (const read of audit.stream({ stream })) exported.push(read);
    const reads = [
      (await store.readStream(stream))[0],
      (await store.readStreams([stream])).get(stream)![0],
      (await store.readAll({ limit: 10_000 })).find((read) => read.id === event.id)!,
      (await audit.page({ stream })).items[0],
      exported[0],
    ];

    // Then each read gives back the same event
    for (const read of reads) expect(asRead(read)).toEqual(expected);
  });

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
    const forFold = (await store.readForFold({ limit: 1000 })).find((event) => event.position === position)!;

    // Then each read gives the same instant, cut (not rounded) to the millisecond
    for (const event of [byStream[0], byStreams[0], fromLog, forFold]) {
      expect(event.recordedAt).toBeInstanceOf(Date);
      expect(event.recordedAt.toISOString()).toBe(expected.toISOString());
    }
  });

  it('given an event in the log, when read for a fold, then it comes without its id, stream, version and metadata', async () => {
    // Given an event appended with its metadata
    const stream = uniqueStream('client');
    const [{ position }] = (await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('Registered', { n: 1 })] }])).events;

    // When read for a fold
    const folded = (await store.readForFold({ limit: 1000 })).find((event) => event.position === position)!;

    // Then it holds what a fold reads, and nothing the server need not have sent
    expect(Object.keys(folded).sort()).toEqual(['data', 'position', 'recordedAt', 'transactionId', 'type']);
    expect(folded).toMatchObject({ type: 'Registered', data: { n: 1 } });
  });

  it('given an event just appended, when it is read back, then its time is the one the append answered', async () => {
    const stream = uniqueStream('client');
    const appended = await store.append([{ stream, expectedVersion: 'no_stream', events: [newEvent('Registered')] }]);

    const [read] = await store.readStream(stream);

    expect(read.recordedAt.getTime()).toBe(appended.events[0].recordedAt.getTime());
  });
}

describe('reading events back, embedded PGlite', () => suite('pglite'));
describeOnPostgres('reading events back, PostgreSQL', () => suite('postgres'));
