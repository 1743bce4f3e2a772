import { randomUUID } from 'node:crypto';
import type { PostgresEventStore } from '../postgres-event-store';
import { batchedAppend } from '../../testing/batched-append';
import { newEvent, uniqueStream } from '../../testing/event-store.contract';
import { describeOnPostgres, type TestDatabaseKind } from '../../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../../testing/test-event-store';
import { writeOutsideTheLog } from '../../testing/write-outside-the-log';
import { ChainVerifier } from './chain-verifier';

function suite(kind: TestDatabaseKind) {
  let test: TestEventStore;
  let store: PostgresEventStore;
  let verifier: ChainVerifier;
  const a = uniqueStream('client');
  const b = uniqueStream('client');

  beforeEach(async () => {
    test = await openTestEventStore(kind);
    store = test.store;
    verifier = new ChainVerifier(test.database.pool);
    // Given two streams, one written in two appends and one spanning an append with both
    await store.append([{ stream: a, expectedVersion: 'no_stream', events: [newEvent('A1', { n: 1 }), newEvent('A2')] }]);
    await store.append([
      { stream: a, expectedVersion: 2, events: [newEvent('A3', { bsn: 'encrypted-elsewhere' })] },
      { stream: b, expectedVersion: 'no_stream', events: [newEvent('B1')] },
    ]);
    await store.append([{ stream: b, expectedVersion: 1, events: [newEvent('B2')] }]);
  });
  afterEach(() => test.dispose());

  const positionOf = async (stream: string, version: number) =>
    Number(
      (await test.database.pool.query('select global_position from es_events where stream_name = $1 and stream_version = $2', [stream, version]))
        .rows[0].global_position,
    );

  it('given an untouched log, then every chain verifies', async () => {
    expect(await verifier.verify()).toEqual({ ok: true, checkedEvents: 5 });
  });

  it('given a row changed in SQL, then verification names exactly that event', async () => {
    const position = await positionOf(a, 2);
    await test.database.pool.query(`update es_events set data = '{"tampered": true}' where global_position = $1`, [position]);

    expect(await verifier.verify()).toEqual({
      ok: false,
      checkedEvents: 5,
      firstBroken: { position, stream: a, version: 2, reason: 'hash-mismatch' },
    });
  });

  it('given a changed actor in the metadata, then verification names that event', async () => {
    const position = await positionOf(b, 1);
    await test.database.pool.query(
      `update es_events set metadata = jsonb_set(metadata, '{actor}', '"someone-else"') where global_position = $1`,
      [position],
    );
    expect((await verifier.verify()).firstBroken).toMatchObject({ position, reason: 'hash-mismatch' });
  });

  it('given an event removed from the middle of a stream, then the gap is found at the next event', async () => {
    await test.database.pool.query('delete from es_events where stream_name = $1 and stream_version = 2', [a]);
    expect((await verifier.verify()).firstBroken).toMatchObject({ stream: a, version: 3, reason: 'version-gap' });
  });

  it('given the last event of a stream removed, then the stream head no longer matches', async () => {
    await test.database.pool.query('delete from es_events where stream_name = $1 and stream_version = 2', [b]);
    expect((await verifier.verify()).firstBroken).toMatchObject({ stream: b, reason: 'stream-head-mismatch' });
  });

  /**
   * Inserts an event in SQL, past the append function, into the log's first transaction so that the
   * anchors cover it; with `hashed`, its hash is chained onto its stream as an append's would be.
   */
  const forge = async (stream: string, version: number, hashed: boolean) => {
    const { rows } = await test.database.pool.query<{ global_position: string }>(
      `insert into es_events (transaction_id, event_id, stream_name, stream_version, event_type, data, metadata)
       values ((select transaction_id from es_events order by global_position limit 1), $1, $2, $3, 'Forged', '{}', '{}')
       returning global_position`,
      [randomUUID(), stream, version],
    );
    const position = Number(rows[0].global_position);
    if (hashed) {
      await test.database.pool.query(
        `update es_events f
            set hash = sha256(
                  coalesce((select p.hash from es_events p
                             where p.stream_name = f.stream_name and p.stream_version = f.stream_version - 1), ''::bytea)
                  || es_event_bytes(f.event_id, f.stream_name, f.stream_version, f.event_type, f.data, f.metadata, f.recorded_at))
          where f.global_position = $1`,
        [position],
      );
    }
    return position;
  };
  const forgeries = [
    { event: 'the next event of a stream', stream: a, version: 4 },
    { event: 'the first event of a new stream', stream: uniqueStream('client'), version: 1 },
  ];

  it.each(forgeries)(
    'given $event inserted in SQL without a hash, when the log is verified, then it is named and the anchor no longer matches',
    async ({ stream, version }) => {
      // Given an anchor, and then an event inserted without a hash among the transactions it covers
      await verifier.anchor();
      const position = await forge(stream, version, false);
      // When the chains and the anchor are verified, then both catch it
      expect(await verifier.verify()).toEqual({
        ok: false,
        checkedEvents: 6,
        firstBroken: { position, stream, version, reason: 'missing-hash' },
      });
      expect(await verifier.verifyAnchors()).toEqual([expect.objectContaining({ ok: false })]);
    },
  );

  it.each(forgeries)(
    'given $event inserted in SQL with a chained hash, when the log is verified, then it lies beyond its stream head',
    async ({ stream, version }) => {
      // Given an event whose hash chains on, though its stream's recorded head was left as it was
      const position = await forge(stream, version, true);
      // When the log is verified, then the event is named
      expect((await verifier.verify()).firstBroken).toEqual({ position, stream, version, reason: 'beyond-stream-head' });
    },
  );

  it('given the last event of a stream removed and its head hash cleared, when verified, then the head is still checked', async () => {
    await test.database.pool.query('delete from es_events where stream_name = $1 and stream_version = 2', [b]);
    await test.database.pool.query('update es_streams set last_hash = null where stream_name = $1', [b]);
    expect((await verifier.verify()).firstBroken).toMatchObject({ stream: b, version: 2, reason: 'stream-head-mismatch' });
  });

  it('given an anchor, then it verifies until history before it is rewritten consistently', async () => {
    const anchor = await verifier.anchor();
    expect(anchor).toMatchObject({ upToPosition: await store.headPosition(), streamCount: 2 });
    await store.append([{ stream: a, expectedVersion: 3, events: [newEvent('A4')] }]);
    expect(await verifier.verifyAnchors()).toEqual([expect.objectContaining({ ok: true })]);

    // Even a forger who recomputes the whole chain of a stream cannot match the anchor kept outside.
    const position = await positionOf(b, 2);
    await test.database.pool.query(
      `update es_events set data = '{"forged": 1}',
              hash = sha256(coalesce((select hash from es_events where stream_name = $1 and stream_version = 1), ''::bytea)
                     || es_event_bytes(event_id, stream_name, stream_version, event_type, '{"forged": 1}', metadata, recorded_at))
        where global_position = $2`,
      [b, position],
    );
    await test.database.pool.query('update es_streams set last_hash = (select hash from es_events where global_position = $1) where stream_name = $2', [position, b]);
    expect((await verifier.verify()).ok).toBe(true);
    expect(await verifier.verifyAnchors()).toEqual([expect.objectContaining({ ok: false })]);
  });

  it('given nothing settled since the last anchor, then a scheduled anchor records nothing', async () => {
    await verifier.anchor();
    expect(await verifier.anchor({ onlyIfMoved: true })).toBeUndefined();
    // When one more event is written, the next scheduled anchor covers it
    await store.append([{ stream: b, expectedVersion: 2, events: [newEvent('B3')] }]);
    expect(await verifier.anchor({ onlyIfMoved: true })).toMatchObject({ upToPosition: await store.headPosition() });
    expect(await verifier.anchors()).toHaveLength(2);
  });

  // PGlite runs one transaction at a time, so a transaction left open would block the anchor itself.
  (kind === 'postgres' ? it : it.skip)(
    'given a transaction in flight when the anchor is taken, then its later commit leaves the anchor intact',
    async () => {
      const late = await test.database.pool.connect();
      try {
        // Given a transaction that took a position and has not committed
        await late.query('begin');
        const c = uniqueStream('client');
        await late.query('select * from es_append_batch($1)', [JSON.stringify([batchedAppend(c, 0, 'C1')])]);
        // And a later event, at a higher position, already committed
        await store.append([{ stream: b, expectedVersion: 2, events: [newEvent('B3')] }]);
        // When the anchor is taken, and then the first transaction commits
        const anchor = await verifier.anchor();
        await late.query('commit');
        // Then the anchor covers neither, and still verifies
        expect(anchor.upToPosition).toBeLessThan(await store.headPosition());
        expect(await verifier.verifyAnchors()).toEqual([expect.objectContaining({ ok: true })]);
      } finally {
        late.release();
      }
    },
  );

  (kind === 'postgres' ? it : it.skip)(
    'given a transaction in flight that never writes to the log, when the anchor is taken, then it covers every event',
    async () => {
      const bystander = await test.database.pool.connect();
      try {
        // Given a transaction holding an id by a write outside the log, and an event appended after it
        await writeOutsideTheLog(bystander);
        await store.append([{ stream: b, expectedVersion: 2, events: [newEvent('B3')] }]);
        // When the anchor is taken
        const anchor = await verifier.anchor();
        // Then it covers the log up to its head, and verifies
        expect(anchor.upToPosition).toBe(await store.headPosition());
        expect(await verifier.verifyAnchors()).toEqual([expect.objectContaining({ ok: true })]);
      } finally {
        await bystander.query('rollback');
        bystander.release();
      }
    },
  );
}

describe('tamper evidence on PGlite', () => suite('pglite'));
describeOnPostgres('tamper evidence on PostgreSQL', () => suite('postgres'));
