import type { PackageName } from '@koppelhub/domain';
import { redisConnection, type SyncRuntime } from '@koppelhub/sync';
import { Registry } from 'prom-client';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { eventually } from '../libs/eventstore/src/testing/eventually';
import { metricValue } from '../libs/sync/src/testing/metric-value';
import { holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { type ApprovedScenario, approveClient, approveReferenceScenario, expectedHoldings, packageHoldings } from './support/approved-scenario';
import { type PrivateRedis, startPrivateRedis } from './support/private-redis';
import { syncSettled } from './support/sync-settled';
import { startTestSync } from './support/test-sync';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

// The API enqueues re-drives under Redis's default key prefix, so the suite runs a redis-server of its own.
const withServices = Boolean(process.env.REDIS_URL);
const describeWithServices = withServices ? describeOnPostgres : describe.skip;
if (!withServices) console.warn('REDIS_URL is not set (no Redis on this machine): the package faults suite is skipped');

interface FailedDelivery {
  clientId: string;
  package: PackageName;
  message?: string;
  refused?: boolean;
}

describeWithServices('packages failing for a while, or refusing (PostgreSQL, a private redis-server, sandboxes, API)', () => {
  let redis: PrivateRedis;
  let hub: TestHub;
  let sync: SyncRuntime;
  let scenario: ApprovedScenario;
  let connector: HttpAgent;
  const metrics = new Registry();
  const pushes = async (pkg: PackageName, outcome: string) =>
    metricValue(await metrics.metrics(), `koppelhub_sync_pushes_total{package="${pkg}",outcome="${outcome}"}`);
  const failedList = async () => (await connector.get('/api/sync/failed').query({ pageSize: 100 }).expect(200)).body.items as FailedDelivery[];
  const apiMetrics = async () => (await connector.get('/metrics').expect(200)).text;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    hub = await startTestHub('postgres', { REDIS_URL: redis.url });
    sync = await startTestSync(hub, {
      // Short, so that Nextens' slow answer below is a timeout
      timeoutMs: 1_000,
      queue: { connection: redisConnection(redis.url), retry: { firstMs: 100, maxMs: 2_000 } },
      metrics,
    });
    connector = await hub.agentFor('connector');
    scenario = await approveReferenceScenario(hub);

    // Given Twinfield answering 500 three times, QicsMilestones 429 with Retry-After once, Nextens
    // once slower than the timeout, and PinkWeb refusing every push as invalid
    const s = sync.sandboxes!;
    s.twinfield.faults.add({ kind: 'status', status: 500, count: 3 });
    s.qicsmilestones.faults.add({ kind: 'rate-limit', retryAfterSeconds: 1 });
    s.nextens.faults.add({ kind: 'delay', ms: 1_500 });
    s.pinkweb.faults.add({ kind: 'permanent', message: 'email address is invalid', count: 1_000 });

    // When every client of the scenario becomes Klant
    await scenario.makeKlant();
  }, 120_000);
  afterAll(async () => {
    await sync?.close();
    await hub?.stop();
    await redis?.stop();
  });

  it('rides out the 500s, the 429 and the timeout: every client in Twinfield, QicsMilestones and Nextens exactly once', async () => {
    const expected = expectedHoldings();
    const retried: PackageName[] = ['twinfield', 'qicsmilestones', 'nextens'];
    const held = () => retried.map((pkg) => packageHoldings(sync.sandboxes!)[pkg]);
    await eventually(held, (now) => JSON.stringify(now) === JSON.stringify(retried.map((pkg) => expected[pkg])));
    await eventually(
      () => Promise.all(Object.values(scenario.ids.clients).map((id) => sync.deliveries.forClient(id))),
      (all) => all.flat().filter((d) => retried.includes(d.package)).every((d) => d.status === 'pushed'),
    );
    expect(held()).toEqual(retried.map((pkg) => expected[pkg]));

    // And each fault was played, and counted as a transient failure of its package
    const s = sync.sandboxes!;
    expect([s.twinfield, s.qicsmilestones, s.nextens].map((sandbox) => sandbox.faults.size())).toEqual([0, 0, 0]);
    expect(s.twinfield.requests().filter((r) => r.status === 500)).toHaveLength(3);
    expect(s.qicsmilestones.requests().filter((r) => r.status === 429)).toHaveLength(1);
    expect(await pushes('twinfield', 'failed-transient')).toBeGreaterThanOrEqual(3);
    expect(await pushes('qicsmilestones', 'failed-transient')).toBeGreaterThanOrEqual(1);
    // The slow answer may have been taken by a late request that is still waiting for its timeout
    await eventually(() => pushes('nextens', 'failed-transient'), (count) => count >= 1, 10_000);
  });

  it('lists the refused pushes as failed, and a re-drive over the API after the cause is fixed lands each once', async () => {
    // Then every PinkWeb push is in the failed list, with PinkWeb's own message, and none was retried
    const expected = expectedHoldings();
    await sync.dispatcher.waitFor(await hub.runtime.store.headPosition(), 30_000);
    await eventually(() => sync.deliveries.withStatus('pending'), (pending) => pending.every((d) => d.package !== 'pinkweb'));
    const failed = await eventually(failedList, (list) => list.filter((d) => d.package === 'pinkweb').length === expected.pinkweb.length);
    expect(failed.map((d) => [d.package, d.refused, d.message?.includes('email address is invalid')])).toEqual(
      Array(expected.pinkweb.length).fill(['pinkweb', true, true]),
    );
    // A client is pushed again when its payload changes (a client its portal users also see becomes
    // Klant), so it may be refused more than once; but a refusal is never retried as a transient
    // failure. (A failure is counted once its job has given the delivery back, just after the
    // failed list has it.)
    const deliveries = (await Promise.all(failed.map((d) => sync.deliveries.get(d.clientId, 'pinkweb')))).map((d) => d?.status);
    expect(deliveries).toEqual(Array(expected.pinkweb.length).fill('failed'));
    await eventually(() => pushes('pinkweb', 'failed-permanent'), (count) => count >= expected.pinkweb.length);
    expect(await pushes('pinkweb', 'failed-transient')).toBe(0);
    expect(metricValue(await apiMetrics(), 'koppelhub_sync_failed_deliveries{package="pinkweb"}')).toBe(expected.pinkweb.length);
    expect(sync.sandboxes!.pinkweb.records().clients).toEqual([]);

    // When the cause is fixed and each failed push is re-driven over the API
    sync.sandboxes!.pinkweb.faults.clear();
    for (const d of failed) {
      await connector.post(`/api/sync/failed/${d.clientId}/${d.package}/retry`).expect(202);
    }

    // Then PinkWeb holds each of its clients exactly once, and the failed list is empty
    await eventually(() => packageHoldings(sync.sandboxes!).pinkweb, (held) => JSON.stringify(held) === JSON.stringify(expected.pinkweb));
    await syncSettled(sync, hub.runtime.store);
    expect(packageHoldings(sync.sandboxes!)).toEqual(expected);
    expect(await failedList()).toEqual([]);
    expect(metricValue(await apiMetrics(), 'koppelhub_sync_failed_deliveries{package="pinkweb"}', { present: true })).toBe(0);
  });

  it('serves the metrics only to a connector or an admin', async () => {
    await hub.anonymous.get('/metrics').expect(401);
    await (await hub.agentFor('auditor')).get('/metrics').expect(403);
    const response = await connector.get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain('koppelhub_sync_dispatcher_lag_events');
  });

  it('re-drives every failed push at once after the cause is fixed: each lands once and the failed list empties', async () => {
    // Given nothing failed so far, and two approved clients of this test's own (copies of W2 under
    // numbers outside the scenario), in PinkWeb only. Kept last: packageHoldings() reads the
    // scenario's numbers only, and would fail on these once PinkWeb holds them.
    await syncSettled(sync, hub.runtime.store);
    expect(await failedList()).toEqual([]);
    const relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    const approver = await hub.as('a.bakker', 'klantgoedkeurder');
    const w2 = holdingCluster.clients.find((c) => c.ref === 'W2')!;
    const approvedInPinkweb = async (clientNumber: string) => {
      const registration = { ...registrationBody(w2), clientNumber, debtorNumber: clientNumber, startStatus: 'Klantaanvraag', packages: ['pinkweb'] };
      const id = (await relatiebeheer.post('/api/clients').send(registration).expect(201)).body.id as string;
      await approveClient({ relatiebeheer, approver }, id, w2, scenario.ids.clients);
      return id;
    };
    const numbers = ['29701', '29702'];
    const ids = [await approvedInPinkweb(numbers[0]), await approvedInPinkweb(numbers[1])];
    const pinkwebHolds = () =>
      sync.sandboxes!.pinkweb.records().clients.map((c) => c.clientNumber).filter((n) => numbers.includes(n)).sort();

    // When PinkWeb refuses every push while both become Klant
    sync.sandboxes!.pinkweb.faults.add({ kind: 'permanent', message: 'email address is invalid', count: 1_000 });
    for (const id of ids) await scenario.centraleAdministratie.post(`/api/clients/${id}/status`).send({ to: 'Klant' }).expect(200);

    // Then both pushes are in the failed list, refused, and PinkWeb holds neither
    const failed = await eventually(failedList, (list) => list.length >= 2);
    expect(failed.map((d) => [d.clientId, d.package, d.refused]).sort()).toEqual(ids.map((id) => [id, 'pinkweb', true]).sort());
    expect(pinkwebHolds()).toEqual([]);

    // When the cause is fixed and every failed push is re-driven in one request
    sync.sandboxes!.pinkweb.faults.clear();
    const answer = await connector.post('/api/sync/failed/retry-all').expect(202);

    // Then it answers how many it re-drove, PinkWeb holds each client once, and nothing is left failed
    expect(answer.body).toEqual({ redriven: 2 });
    await eventually(pinkwebHolds, (held) => held.length >= 2);
    await syncSettled(sync, hub.runtime.store);
    expect(pinkwebHolds()).toEqual(numbers);
    expect(await failedList()).toEqual([]);
    expect((await Promise.all(ids.map((id) => sync.deliveries.get(id, 'pinkweb')))).map((d) => d?.status)).toEqual(['pushed', 'pushed']);
  });
});
