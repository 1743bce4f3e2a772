import { randomUUID } from 'node:crypto';
import { HubRuntime, loadSettings } from '@koppelhub/application';
import type { NewEvent } from '@koppelhub/eventstore';
import { redisConnection, startSyncRuntime } from '@koppelhub/sync';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, printTable, ratio, serverUrl } from './support';

const CLIENTS = Number(process.env.BENCH_SYNC_CLIENTS ?? 1000);
const PACKAGES = ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'] as const;

/**
 * Pushes per second from Klant to the sandboxes, against bare BullMQ no-op jobs on the same Redis
 * in the same run, and the latency from the Klant event to the package's answer being recorded.
 */
export async function benchSync(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const connection = redisConnection(redisUrl);
  const prefix = `bench-${randomUUID().slice(0, 8)}`;

  // Baseline: the same number of jobs through BullMQ doing nothing, same total concurrency.
  const pushes = CLIENTS * PACKAGES.length;
  const noop = new Queue('noop', { connection, prefix });
  const events = new QueueEvents('noop', { connection, prefix });
  await events.waitUntilReady();
  let done = 0;
  const allDone = new Promise<void>((resolve) => events.on('completed', () => ++done === pushes && resolve()));
  const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency: 13 });
  const t0 = process.hrtime.bigint();
  await noop.addBulk(Array.from({ length: pushes }, (_, i) => ({ name: 'noop', data: { i }, opts: { jobId: `n${i}` } })));
  await allDone;
  const noopSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await worker.close();
  await events.close();
  await noop.obliterate({ force: true });
  await noop.close();

  const url = await freshDatabase(serverUrl(), 'koppelhub_bench_sync');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  const sync = await startSyncRuntime({
    database: runtime.database,
    store: runtime.store,
    timeoutMs: 5_000,
    queue: { connection, prefix },
  });
  try {
    const meta = { actor: 'bench', commandId: 'bench', correlationId: 'bench' };
    const ev = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
    const ids: string[] = [];
    for (let n = 0; n < CLIENTS; n++) {
      const clientId = randomUUID();
      ids.push(clientId);
      await runtime.store.append([
        {
          stream: `client-${clientId}`,
          expectedVersion: 'no_stream',
          events: [
            ev('ClientRegistered', {
              clientId,
              kind: 'company',
              clientNumber: `B${n}`,
              status: 'Prospect',
              details: {
                searchName: `BENCH${n}`,
                debtorNumber: `D${n}`,
                company: { legalForm: 'BV', statutoryName: `Bench ${n} B.V.`, rsin: validRsin(n) },
                address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
                packages: [...PACKAGES],
              },
            }),
            ev('ClientStatusChanged', { clientId, from: 'Prospect', to: 'Ter goedkeuring' }),
          ],
        },
      ]);
    }
    await sync.dispatcher.waitFor(await runtime.store.headPosition(), 60_000);

    const started = process.hrtime.bigint();
    await Promise.all(
      ids.map((clientId) =>
        runtime.store.append([
          { stream: `client-${clientId}`, expectedVersion: 2, events: [ev('ClientStatusChanged', { clientId, from: 'Ter goedkeuring', to: 'Klant' })] },
        ]),
      ),
    );
    for (;;) {
      const { rows } = await runtime.database.pool.query(`select count(*) filter (where status = 'pushed') as pushed from sync_deliveries`);
      if (Number(rows[0].pushed) >= pushes) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const syncSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const { rows: latencies } = await runtime.database.pool.query<{ ms: number }>(
      `select extract(epoch from d.updated_at - e.recorded_at) * 1000 as ms
         from sync_deliveries d
         join es_events e on e.stream_name = 'client-' || d.client_id and e.stream_version = 3`,
    );
    const sorted = latencies.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

    printTable(`sync: ${CLIENTS} clients accepted, ${pushes} pushes to ${PACKAGES.length} sandboxes, Redis`, [
      ['bare BullMQ no-op jobs', `${Math.round(pushes / noopSeconds)} jobs/s`],
      ['pushes to the sandboxes', `${Math.round(pushes / syncSeconds)} pushes/s`],
      ['pushes / no-op jobs', ratio(noopSeconds, syncSeconds)],
      ['Klant -> package answer recorded', `p50 ${percentile(50).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms`],
    ]);
  } finally {
    await sync.close();
    await runtime.stop();
  }
}

/** RSINs passing the 11-check, so Nextens keys every bench client apart. */
function validRsin(n: number): string {
  for (let candidate = 100_000_000 + n * 100; ; candidate++) {
    const digits = String(candidate);
    const weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
    if (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11 === 0) return digits;
  }
}
