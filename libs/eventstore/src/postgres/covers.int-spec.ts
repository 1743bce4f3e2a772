import type { Checkpoint } from '../event-store.port';
import { queryPlan } from '../testing/query-plan';
import { describeOnPostgres, type TestDatabaseKind } from '../testing/test-database';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';
import { COVERS_SQL } from './postgres-event-store';

/**
 * Rows as the log holds them, written with the transaction ids and positions a test needs: a late
 * commit is an event whose transaction id is higher while its position is lower.
 */
async function given(db: TestEventStore, rows: Array<{ tx: number; position: number; type: string }>): Promise<void> {
  for (const row of rows) {
    await db.database.pool.query(
      `insert into es_events (global_position, transaction_id, event_id, stream_name, stream_version, event_type, data, metadata)
       overriding system value values ($1::bigint, $2::text::xid8, gen_random_uuid(), 'covers-' || $1::bigint, 1, $3, '{}', '{}')`,
      [row.position, String(row.tx), row.type],
    );
  }
}

const at = (tx: number, position: number): Checkpoint => ({ transactionId: String(tx), position });

/** Whether a subscription at a checkpoint has handled everything up to a position (what its waiters ask). */
function suite(kind: TestDatabaseKind) {
  let db: TestEventStore;

  beforeEach(async () => {
    db = await openTestEventStore(kind);
  });
  afterEach(() => db.dispose());

  it('given an event committed late (higher transaction, lower position), when a subscription past the other asks, then that event is not covered', async () => {
    await given(db, [
      { tx: 10, position: 101, type: 'Registered' },
      { tx: 11, position: 100, type: 'Registered' },
    ]);
    expect(await db.store.covers(at(10, 101), 100)).toBe(false);
    expect(await db.store.covers(at(11, 100), 101)).toBe(true);
  });

  it('given events beyond the checkpoint, when the position asked for lies before them, then it is covered', async () => {
    await given(db, [
      { tx: 20, position: 200, type: 'Registered' },
      { tx: 21, position: 201, type: 'Registered' },
    ]);
    expect(await db.store.covers(at(20, 200), 200)).toBe(true);
    expect(await db.store.covers(at(20, 200), 201)).toBe(false);
  });

  it('given only events of other types beyond the checkpoint, when a typed subscription asks, then they do not hold it back', async () => {
    await given(db, [
      { tx: 30, position: 300, type: 'Registered' },
      { tx: 31, position: 301, type: 'Renamed' },
    ]);
    expect(await db.store.covers(at(30, 300), 301, ['Registered'])).toBe(true);
    expect(await db.store.covers(at(30, 300), 301, ['Renamed'])).toBe(false);
    expect(await db.store.covers(at(30, 300), 301)).toBe(false);
  });
}

describe('covers (PGlite)', () => suite('pglite'));
describeOnPostgres('covers (PostgreSQL)', () => {
  suite('postgres');

  it('given a grown log without statistics, when a subscription near its end asks, then only the delivery-order index from its checkpoint is read', async () => {
    const db = await openTestEventStore('postgres');
    const session = await db.database.pool.connect();
    try {
      // Given 20,000 events, never analyzed, and a checkpoint near the end of the log
      await session.query(`insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
                           select gen_random_uuid(), 'bulk-' || n, 1, case when n % 3 = 0 then 'Accepted' else 'Bulk' end, '{}', '{}'
                             from generate_series(1, 20000) n`);
      const { rows } = await session.query<{ tx: string; position: string }>(
        'select transaction_id::text as tx, global_position as position from es_events order by global_position desc limit 1 offset 10',
      );
      await session.query(`prepare covers_plan(xid8, bigint, bigint, text[]) as ${COVERS_SQL}`);
      const explain = () =>
        queryPlan(session, `execute covers_plan('${rows[0].tx}', ${rows[0].position}, ${rows[0].position} + 5, '{Accepted}')`, '(analyze, costs off, timing off)');

      // When it asks with a plan made for its values, and with the generic plan a named statement settles on
      const custom = await explain();
      await session.query('set plan_cache_mode = force_generic_plan');
      const generic = await explain();

      // Then both walk the delivery-order index from the checkpoint, and neither scans the log
      for (const plan of [custom, generic]) {
        expect(plan).toMatch(/Index Scan using es_events_delivery_order/);
        expect(plan).not.toMatch(/Seq Scan/);
      }
    } finally {
      session.release(true);
      await db.dispose();
    }
  });
});
