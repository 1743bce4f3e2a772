import { redisConnection, type SyncRuntime } from '@koppelhub/sync';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { eventually } from '../libs/eventstore/src/testing/eventually';
import { holdingCluster } from './fixtures/holding-cluster';
import { type ApprovedScenario, approveReferenceScenario, expectedDeliveryCount, expectedHoldings, packageHoldings } from './support/approved-scenario';
import { type PrivateRedis, startPrivateRedis } from './support/private-redis';
import { syncSettled } from './support/sync-settled';
import { startTestSync } from './support/test-sync';
import { startTestHub, type TestHub } from './support/test-hub';

// The test kills and restarts Redis, so it runs a redis-server of its own, never the shared one.
const withServices = Boolean(process.env.REDIS_URL);
const describeWithServices = withServices ? describeOnPostgres : describe.skip;
if (!withServices) console.warn('REDIS_URL is not set (no Redis on this machine): the Redis restart suite is skipped');

describeWithServices('a Redis restart that loses the queued pushes (PostgreSQL, a private redis-server, sandboxes)', () => {
  let redis: PrivateRedis;
  let hub: TestHub;
  let sync: SyncRuntime;
  let scenario: ApprovedScenario;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    hub = await startTestHub('postgres');
    sync = await startTestSync(hub, {
      timeoutMs: 5_000,
      queue: { connection: redisConnection(redis.url), retry: { firstMs: 100, maxMs: 2_000 } },
      redriveEveryMs: 500,
    });
    scenario = await approveReferenceScenario(hub);
  }, 120_000);
  afterAll(async () => {
    await sync?.close();
    await hub?.stop();
    await redis?.stop();
  });

  it('re-derives the lost jobs from the dispatcher checkpoint and the delivery record: every client in every package exactly once', async () => {
    // Given every package answering slowly, so that most pushes wait in Redis
    const s = sync.sandboxes!;
    const slow = [s.pinkweb, s.nextens, s.qicsmilestones, s.twinfield];
    for (const sandbox of slow) sandbox.faults.add({ kind: 'delay', ms: 1_500, count: 4 });

    // When all clients but W2 become Klant and the dispatcher has handed their pushes to the queue
    const allButW2 = holdingCluster.clients.map((c) => c.ref).filter((ref) => ref !== 'W2');
    await scenario.makeKlant(allButW2);
    await sync.dispatcher.waitFor(await hub.runtime.store.headPosition(), 30_000);
    await eventually(() => slow.map((sandbox) => sandbox.faults.size()), (left) => left.every((n) => n < 4));
    const pendingWhenRedisDied = await sync.deliveries.withStatus('pending');

    // And Redis dies with everything it held, W2 becomes Klant meanwhile, and an empty Redis comes back
    await redis.kill();
    await scenario.makeKlant(['W2']);
    await redis.start();

    // Then every package ends up holding every one of its clients exactly once
    expect(pendingWhenRedisDied.length).toBeGreaterThan(0);
    const expected = expectedHoldings();
    await eventually(() => packageHoldings(s), (held) => JSON.stringify(held) === JSON.stringify(expected), 60_000);
    await syncSettled(sync, hub.runtime.store, 60_000);
    expect(packageHoldings(s)).toEqual(expected);
    const deliveries = await Promise.all(Object.values(scenario.ids.clients).map((id) => sync.deliveries.forClient(id)));
    expect(deliveries.flat().map((d) => d.status)).toEqual(Array(expectedDeliveryCount()).fill('pushed'));
  }, 120_000);
});
