import { randomUUID } from 'node:crypto';
import { batchedAppend } from '../../testing/batched-append';
import { queryPlan } from '../../testing/query-plan';
import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { eventStoreMigrations } from './eventstore.migrations';
import { HORIZON_SQL } from '../postgres-event-store';

describeOnPostgres('es_append_batch plans with the log as it is now', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', eventStoreMigrations);
  });
  afterAll(async () => {
    await test.dispose();
  });

  type Session = { query: (sql: string, params?: unknown[]) => Promise<unknown> };

  const append = async (client: Session, stream = `client-${randomUUID()}`, expected = 0) => {
    await client.query('select * from es_append_batch($1)', [JSON.stringify([batchedAppend(stream, expected, 'Registered')])]);
    return stream;
  };

  /** From now on, the session reports the plan of every statement it runs, functions' statements included. */
  const explainEverything = async (session: Session) => {
    await session.query(`load 'auto_explain'`);
    await session.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on;
                         set auto_explain.log_level = notice; set client_min_messages = notice`);
  };

  it('given a connection that appended while the log was empty, when the log has grown, then its appends use the indexes', async () => {
    const session = await test.database.pool.connect();
    const plans: string[] = [];
    session.on('notice', (notice) => plans.push(notice.message ?? ''));
    try {
      // Given appends on an empty log, enough for PL/pgSQL to settle on a cached plan
      for (let n = 0; n < 8; n++) await append(session);
      // When the log grows (before any ANALYZE would invalidate the session's cached plans)
      await session.query(`insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
                           select gen_random_uuid(), 'bulk-' || n, 1, 'Bulk', '{}', '{}' from generate_series(1, 20000) n`);
      await explainEverything(session);
      await append(session);
      // Then the probe for already stored event ids looks each id up in the unique index
      const probe = plans.find((plan) => plan.includes('es_events_event_id_key'));
      expect(probe).toMatch(/es_events_event_id_key on es_events x[^\n]*\n\s*Index Cond: \(event_id =/);
      // And nothing reads a whole table or index to join it
      expect(plans.join('\n')).not.toMatch(/Seq Scan on es_|Hash Join|Merge Join/);
    } finally {
      await session.query(`reset auto_explain.log_min_duration`).catch(() => undefined);
      session.release(true);
    }
  });

  it('given a batch that only creates streams, then their heads go in without a conflict check, which a batch extending a stream keeps', async () => {
    const session = await test.database.pool.connect();
    const plans: string[] = [];
    session.on('notice', (notice) => plans.push(notice.message ?? ''));
    const headsWrite = () => plans.splice(0).find((plan) => plan.includes('Insert on es_streams'));
    try {
      await explainEverything(session);
      // When a batch creates a stream, then its head is inserted plainly
      const stream = await append(session);
      const created = headsWrite();
      expect(created).toBeDefined();
      expect(created).not.toMatch(/Conflict Resolution/);
      // When a batch extends that stream, then its head is inserted or updated, whichever it needs
      await append(session, stream, 1);
      expect(headsWrite()).toMatch(/Conflict Resolution: UPDATE/);
    } finally {
      await session.query(`reset auto_explain.log_min_duration`).catch(() => undefined);
      session.release(true);
    }
  });

  it('given a grown log, when a subscription asks for the horizon, then it takes the last entry of the delivery-order index', async () => {
    await test.database.pool.query(`insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
                                    select gen_random_uuid(), 'horizon-' || n, 1, 'Bulk', '{}', '{}' from generate_series(1, 5000) n`);
    await test.database.pool.query('analyze es_events');
    const plan = await queryPlan(test.database.pool, HORIZON_SQL);
    expect(plan).toMatch(/Index (Only )?Scan Backward using es_events_delivery_order/);
    expect(plan).not.toMatch(/Sort/);
  });
});
