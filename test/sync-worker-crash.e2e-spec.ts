import { join } from 'node:path';
import { type AllSandboxes, startAllSandboxes } from '@koppelhub/connectors';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { eventually } from '../libs/eventstore/src/testing/eventually';
import { metricValue } from '../libs/sync/src/testing/metric-value';
import { holdingCluster } from './fixtures/holding-cluster';
import { type ApprovedScenario, approveReferenceScenario, expectedDeliveryCount, expectedHoldings, packageHoldings } from './support/approved-scenario';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { sandboxEnvironment } from './support/sandbox-environment';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database';
import { startTestHub, type TestHub } from './support/test-hub';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';
import { TEST_PERSONAL_DATA_KEY } from './support/personal-data-key';

// Workers use Redis's default key prefix, so they get a redis-server of their own, never the shared one.
const withServices = Boolean(process.env.REDIS_URL);
const describeWithServices = withServices ? describeOnPostgres : describe.skip;
if (!withServices) console.warn('REDIS_URL is not set (no Redis on this machine): the worker crash suite is skipped');

const SLOW_ANSWERS = 100;

interface SyncStatus {
  package: string;
  status: string;
  externalId?: string;
}

describeWithServices('a worker killed in the middle of a push (PostgreSQL, a private redis-server, sandboxes, worker processes)', () => {
  let database: ScratchDatabase;
  let redis: PrivateRedis;
  let sandboxes: AllSandboxes;
  let hub: TestHub;
  let scenario: ApprovedScenario;
  const workers: WorkerProcess[] = [];

  const startWorker = async () => {
    const worker = await startWorkerProcess(join(__dirname, '..'), {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      // The API (in this process) and the workers (spawned) share the hub's master key.
      PERSONAL_DATA_KEY: TEST_PERSONAL_DATA_KEY,
      ...sandboxEnvironment(sandboxes),
    });
    workers.push(worker);
    return worker;
  };
  const nextensStatus = async (clientId: string): Promise<SyncStatus | undefined> => {
    const response = await hub.http.get(`/api/clients/${clientId}/sync`).expect(200);
    return (response.body as SyncStatus[]).find((s) => s.package === 'nextens');
  };
  const idOf = (clientNumber: string) => scenario.ids.clients[holdingCluster.clients.find((c) => c.clientNumber === clientNumber)!.ref];

  beforeAll(async () => {
    // The worker's entry point uses the default schema: the test gets a database of its own.
    database = await createScratchDatabase(process.env.DATABASE_URL!);
    redis = await startPrivateRedis();
    // In this process, so both workers reach the same packages and the test can read what they hold.
    sandboxes = await startAllSandboxes();
    hub = await startTestHub('postgres', { DATABASE_URL: database.url }, { schema: 'public' });
    scenario = await approveReferenceScenario(hub);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await hub?.stop();
    await sandboxes?.close();
    await redis?.stop();
    await database?.drop();
  });

  it('ends with every client in every package exactly once, the unanswered push included', async () => {
    // Given a worker process, and Nextens answering every push slowly
    const first = await startWorker();
    sandboxes.nextens.faults.add({ kind: 'delay', ms: 3_000, count: SLOW_ANSWERS });

    // When the clients become Klant, and the worker is killed (SIGKILL) while a push to Nextens is in flight
    await scenario.makeKlant();
    await eventually(() => sandboxes.nextens.faults.size(), (left) => left < SLOW_ANSWERS);
    await first.kill();
    const sent = SLOW_ANSWERS - sandboxes.nextens.faults.size();
    sandboxes.nextens.faults.clear();
    // Nextens still carries out what it was sent; nobody is there to hear the answer
    await eventually(() => sandboxes.nextens.requests().length, (answered) => answered >= sent);
    const held = sandboxes.nextens.records().map((r) => idOf(r.clientNumber));
    const unheard = (await Promise.all(held.map(nextensStatus))).filter((s) => s?.status !== 'pushed');
    expect(unheard.length).toBeGreaterThan(0);

    // And a new worker process starts
    const second = await startWorker();

    // Then every package holds each of its clients exactly once
    const expected = expectedHoldings();
    await eventually(() => packageHoldings(sandboxes), (now) => JSON.stringify(now) === JSON.stringify(expected), 120_000);
    const ids = Object.values(scenario.ids.clients);
    const statuses = async () => (await Promise.all(ids.map((id) => hub.http.get(`/api/clients/${id}/sync`).expect(200)))).flatMap((r) => r.body as SyncStatus[]);
    // Waited for in the delivery record itself: polling seven API reads every 50 ms runs into the
    // API's rate limit while the lost pushes wait for their lock to expire (seen under CI load).
    const unsettled = async () =>
      (await hub.runtime.database.pool.query<{ n: number }>(`select count(*)::int as n from sync_deliveries where status <> 'pushed'`)).rows[0].n;
    await eventually(unsettled, (n) => n === 0, 120_000);
    await eventually(statuses, (all) => all.length === expectedDeliveryCount() && all.every((s) => s.status === 'pushed'), 120_000);
    expect(packageHoldings(sandboxes)).toEqual(expected);

    // And the hub holds Nextens' own id for every client, the ones whose answer was lost included
    for (const relation of sandboxes.nextens.records()) {
      expect(await nextensStatus(idOf(relation.clientNumber))).toMatchObject({ status: 'pushed', externalId: relation.relationId });
    }

    // And the new worker's metrics show it re-sent those pushes, which Nextens found already there
    const metrics = await fetch(second.metricsUrl).then((r) => r.text());
    expect(metricValue(metrics, 'koppelhub_sync_pushes_total{package="nextens",outcome="unchanged"}')).toBeGreaterThanOrEqual(unheard.length);
  }, 240_000);
});
