import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HubRuntime, loadSettings, ReadModelRelationsReader } from '@koppelhub/application';
import { elevenProof } from '@koppelhub/domain';
import type { NewEvent } from '@koppelhub/eventstore';
import type { PackageName } from '@koppelhub/domain';
import { DEFAULT_CONCURRENCY, MEMBERS_PER_JOB, redisConnection, sandboxEndpoints, startSyncRuntime } from '@koppelhub/sync';
import { type ConnectionOptions, Queue, QueueEvents, Worker } from 'bullmq';
import { cpuPerOperation, microsPer, type PhaseSpent, startPhase } from './phase-meter';
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

  // Baseline: the same number of jobs through BullMQ doing nothing, at the concurrency the hub's
  // workers run jobs with and at the number of pushes they have in flight (jobs hold several);
  // the best of these runs, as the machine's noise is large and a lower baseline would flatter the ratio.
  // They run between the push bursts (below), so a machine that speeds up or slows down during the
  // run touches both sides alike.
  const pushes = CLIENTS * PACKAGES.length;
  const jobsInFlight = PACKAGES.reduce((sum, pkg) => sum + DEFAULT_CONCURRENCY[pkg], 0);
  const levels = [jobsInFlight, 89, jobsInFlight * MEMBERS_PER_JOB];
  const noopRuns: Array<PhaseSpent & { concurrency: number }> = [];
  const noopRound = async () => {
    for (const concurrency of levels) {
      noopRuns.push({ ...(await noopJobs(connection, `${prefix}-${noopRuns.length}`, pushes, concurrency)), concurrency });
    }
  };

  const { url, drop } = await freshDatabase(serverUrl(), 'sync');
  // The whole hub in this process, as it runs embedded: the read models are kept up to date beside
  // the sync, which reads contacts, invoice-to and portal users from them for every push.
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: true, schema: 'hub' });
  const packages = await startSandboxesProcess();
  const sync = await startSyncRuntime({
    database: runtime.database,
    store: runtime.store,
    relations: new ReadModelRelationsReader(runtime.database, runtime.store, runtime.projections),
    timeoutMs: 5_000,
    queue: { connection, prefix },
    endpoints: sandboxEndpoints({ urls: packages.urls }),
  });
  try {
    const meta = { actor: 'bench', commandId: 'bench', correlationId: 'bench' };
    const ev = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
    const register = async (n: number): Promise<string> => {
      const clientId = randomUUID();
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
      return clientId;
    };
    const accept = (clientId: string) =>
      runtime.store.append([
        { stream: `client-${clientId}`, expectedVersion: 2, events: [ev('ClientStatusChanged', { clientId, from: 'Ter goedkeuring', to: 'Klant' })] },
      ]);
    // Done once the dispatcher has decided every event so far and no delivery is left unfinished: a
    // look into the partial index of unfinished deliveries. Counting the pushed ones instead scanned
    // the whole table every 20 ms, which cost PostgreSQL more CPU than parts of what it timed. Asked
    // as EXISTS, the planner scanned the table too (1-13 ms a look at 13,000 deliveries); ordered by
    // the index's column, it walks the index.
    const untilPushed = async () => {
      await sync.dispatcher.waitFor(await runtime.store.headPosition(), 60_000);
      const unfinished = `select status from sync_deliveries where status <> 'pushed' order by status limit 1`;
      while ((await runtime.database.pool.query(unfinished)).rows.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    /** Checked after the timing: every push the bench asked for landed, none more. */
    const assertPushed = async (count: number) => {
      const { rows } = await runtime.database.pool.query(`select count(*) filter (where status = 'pushed') as pushed from sync_deliveries`);
      const pushed = Number(rows[0].pushed);
      if (pushed !== count) throw new Error(`expected ${count} deliveries pushed, found ${pushed}`);
    };

    // Throughput: every client of a burst accepted at once, until every package answered for every
    // one. A smaller burst first warms both processes' compiled code (the no-op jobs' first round
    // warms theirs); then the better of two bursts counts, as the no-op baseline is the best of its
    // runs, and a round of no-op runs goes before each.
    let registered = 0;
    let expected = 0;
    const burst = async (clients: number) => {
      const accepted: string[] = [];
      for (let n = 0; n < clients; n++) accepted.push(await register(registered++));
      await sync.dispatcher.waitFor(await runtime.store.headPosition(), 60_000);
      const sandboxCpuBefore = await packages.cpuMs();
      const done = startPhase();
      await Promise.all(accepted.map(accept));
      await untilPushed();
      const spent = done();
      await assertPushed((expected += clients * PACKAGES.length));
      return { spent, sandboxCpuMs: (await packages.cpuMs()) - sandboxCpuBefore };
    };
    const warmUpClients = Math.ceil(CLIENTS / 4);
    const warmUp = await burst(warmUpClients);
    await noopRound();
    const first = await burst(CLIENTS);
    await noopRound();
    const second = await burst(CLIENTS);
    const noop = noopRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const { spent: burstSpent, sandboxCpuMs } = first.spent.seconds < second.spent.seconds ? first : second;
    const pushesPerSecond = pushes / burstSpent.seconds;

    // Latency: as many clients again, accepted one by one at half the measured throughput, so the
    // figure is the pipeline's own delay rather than the length of a queue the bench built up.
    const paced: string[] = [];
    for (let n = 0; n < CLIENTS; n++) paced.push(await register(registered++));
    await sync.dispatcher.waitFor(await runtime.store.headPosition(), 60_000);
    const clientsPerSecond = Math.max(1, Math.floor(pushesPerSecond / PACKAGES.length / 2));
    const gapMs = 1000 / clientsPerSecond;
    const pacedFrom = Date.now();
    for (const [i, clientId] of paced.entries()) {
      const due = pacedFrom + i * gapMs - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      await accept(clientId);
    }
    await untilPushed();
    await assertPushed((expected += pushes));

    const { rows: latencies } = await runtime.database.pool.query<{ ms: number }>(
      `select extract(epoch from d.updated_at - e.recorded_at) * 1000 as ms
         from sync_deliveries d
         join es_events e on e.stream_name = 'client-' || d.client_id and e.stream_version = 3
        where d.client_id = any($1::uuid[])`,
      [paced],
    );
    const sorted = latencies.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

    printTable(`sync: ${CLIENTS} clients accepted at once, ${pushes} pushes to ${PACKAGES.length} sandboxes (own process), Redis`, [
      [`bare BullMQ no-op jobs (best of ${noopRuns.length}, concurrency ${levels.join('/')})`, `${Math.round(pushes / noop.seconds)} jobs/s at ${noop.concurrency}`],
      [`warm-up burst, cold code (${warmUpClients * PACKAGES.length} pushes, not counted)`, `${Math.round((warmUpClients * PACKAGES.length) / warmUp.spent.seconds)} pushes/s`],
      ['pushes to the sandboxes (best of 2, after the warm-up)', `${Math.round(pushesPerSecond)} pushes/s`],
      ['pushes / no-op jobs', ratio(noop.seconds, burstSpent.seconds)],
    ]);
    printTable('CPU per job in those runs (hub process, sandboxes process, everything on the machine)', [
      ['bare BullMQ no-op job', cpuPerOperation(noop, pushes, 'in the bench')],
      ['push (hub side)', cpuPerOperation(burstSpent, pushes, 'in the hub')],
      ['push (packages side)', `${microsPer(sandboxCpuMs, pushes)} in the sandboxes (counted in the machine's figure)`],
    ]);
    printTable(`sync: ${CLIENTS} more clients accepted one by one, ${clientsPerSecond} per second`, [
      ['Klant -> package answer recorded', `p50 ${percentile(50).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms`],
    ]);
  } finally {
    await sync.close({ removeQueues: true });
    await runtime.stop();
    packages.stop();
    await drop();
  }
}

/** Time and CPU for `count` jobs doing nothing through BullMQ, with `concurrency` in hand. */
async function noopJobs(
  connection: ConnectionOptions,
  prefix: string,
  count: number,
  concurrency: number,
): Promise<PhaseSpent> {
  const noop = new Queue('noop', { connection, prefix });
  const events = new QueueEvents('noop', { connection, prefix });
  await events.waitUntilReady();
  let done = 0;
  const allDone = new Promise<void>((resolve) => events.on('completed', () => ++done === count && resolve()));
  const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency });
  const finished = startPhase();
  await noop.addBulk(Array.from({ length: count }, (_, i) => ({ name: 'noop', data: { i }, opts: { jobId: `n${i}` } })));
  await allDone;
  const spent = finished();
  await worker.close();
  await events.close();
  await noop.obliterate({ force: true });
  await noop.close();
  return spent;
}

/** The sandboxes in a child process (see sandboxes-process.ts), with this process's TypeScript loaders. */
async function startSandboxesProcess(): Promise<{ urls: Record<PackageName, string>; cpuMs(): Promise<number>; stop(): void }> {
  const child = fork(join(__dirname, 'sandboxes-process.ts'), { execArgv: process.execArgv });
  const urls = await new Promise<Record<PackageName, string>>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { urls: Record<PackageName, string> }).urls));
    child.once('exit', (code) => reject(new Error(`the sandboxes process exited (${code})`)));
  });
  const cpuMs = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => {
        const { cpu } = message as { cpu: NodeJS.CpuUsage };
        resolve((cpu.user + cpu.system) / 1000);
      });
      child.send('cpu');
    });
  return { urls, cpuMs, stop: () => child.disconnect() };
}

/** RSINs passing the 11-check, so Nextens keys every bench client apart. */
function validRsin(n: number): string {
  for (let candidate = 100_000_000 + n * 100; ; candidate++) if (elevenProof(String(candidate))) return String(candidate);
}
