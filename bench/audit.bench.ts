import { randomUUID } from 'node:crypto';
import { HubRuntime, loadSettings } from '@koppelhub/application';
import { AuditLog, ChainVerifier, exportLine, type NewEvent, type StreamAppend } from '@koppelhub/eventstore';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, printTable, rate, ratio, serverUrl } from './support';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const PER_STREAM = 10;

/** Export (NDJSON, streamed batch by batch) and chain verification over the log, against a raw read. */
export async function benchAudit(): Promise<void> {
  const { url, drop } = await freshDatabase(serverUrl(), 'audit');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  try {
    const meta = { actor: 'bench', commandId: 'bench', correlationId: 'bench' };
    const started = Date.now();
    const appends: Promise<unknown>[] = [];
    for (let written = 0; written < EVENTS; written += 1000) {
      const batch: StreamAppend[] = [];
      for (let s = 0; s < 1000 / PER_STREAM; s++) {
        const events: NewEvent[] = Array.from({ length: PER_STREAM }, (_, i) => ({
          id: randomUUID(),
          type: i === 0 ? 'ClientRegistered' : 'ClientDetailsChanged',
          data: { clientId: `c${written + s}`, searchName: `BENCH${written + s}`, city: 'Utrecht', step: i },
          metadata: meta,
        }));
        batch.push({ stream: `client-${randomUUID()}`, expectedVersion: 'no_stream', events });
      }
      appends.push(runtime.store.append(batch));
      if (appends.length >= 8) await Promise.all(appends.splice(0));
    }
    await Promise.all(appends);
    await runtime.database.pool.query('vacuum analyze es_events');
    const total = Number((await runtime.database.pool.query('select count(*) from es_events')).rows[0].count);
    console.log(`\n(generated ${total} events in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    // Baseline: every row read in position order in batches of 5000, rows parsed and nothing else.
    let t = process.hrtime.bigint();
    let after = 0;
    let read = 0;
    for (;;) {
      const { rows } = await runtime.database.pool.query(
        'select * from es_events where global_position > $1 order by global_position limit 5000',
        [after],
      );
      if (rows.length === 0) break;
      read += rows.length;
      after = Number(rows[rows.length - 1].global_position);
    }
    const rawSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    t = process.hrtime.bigint();
    let bytes = 0;
    let exported = 0;
    for await (const event of new AuditLog(runtime.database.pool).stream({})) {
      bytes += exportLine('ndjson', event).length;
      exported++;
    }
    const exportSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    t = process.hrtime.bigint();
    const report = await new ChainVerifier(runtime.database.pool).verify();
    const verifySeconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (!report.ok) throw new Error('the generated log does not verify');

    printTable(`audit over ${total} events, PostgreSQL`, [
      ['raw sequential read', `${rate(read, rawSeconds)} events/s`],
      ['export (NDJSON lines, streamed)', `${rate(exported, exportSeconds)} events/s, ${(bytes / 1e6).toFixed(0)} MB (${ratio(rawSeconds, exportSeconds)} x raw read)`],
      ['verify hash chains', `${rate(report.checkedEvents, verifySeconds)} events/s (${ratio(rawSeconds, verifySeconds)} x raw read)`],
    ]);
  } finally {
    await runtime.stop();
    await drop();
  }
}
