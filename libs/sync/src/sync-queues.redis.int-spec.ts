import { randomUUID } from 'node:crypto';
import { RateLimitedPushError } from '@koppelhub/connectors';
import { Redis } from 'ioredis';
import type { DeliveryStore } from './delivery.store';
import { job } from './push-job';
import { redisConnection } from './queue-backend/redis-queue-backend';
import { SyncQueues } from './sync-queues';
import { eventually } from '../../eventstore/src/testing/eventually';

const redisUrl = process.env.REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: the SyncQueues Redis suite is skipped');

describeWithRedis('SyncQueues on Redis', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl!);
  });
  afterAll(() => redis.quit());

  const keysUnder = (prefix: string) => redis.keys(`${prefix}:*`);

  it('given pushes done under a prefix of its own, when the queues close removing them, then no key is left', async () => {
    // given two pushes done on queues under their own prefix
    const prefix = `test-${randomUUID().slice(0, 8)}`;
    const queues = new SyncQueues({ connection: redisConnection(redisUrl!), prefix }, {} as DeliveryStore);
    const done: string[] = [];
    queues.startWorkers({ process: async (clientId) => (done.push(clientId), 'created') });
    await queues.enqueue([job('c-1', 'pinkweb', 1), job('c-2', 'twinfield', 1)]);
    await eventually(async () => done.length, (count) => count === 2);
    expect(await keysUnder(prefix)).not.toEqual([]);

    // when they close, removing what they hold
    await queues.closeAndRemove();

    // then Redis holds nothing under the prefix
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('given two worker processes, when one meets a 429, then neither takes the package’s next job before the wait is over', async () => {
    // Given two sets of queues and workers on one prefix, as two worker processes would run, and a
    // package answering the first push with 429 and Retry-After: 1.5 s
    const prefix = `test-${randomUUID().slice(0, 8)}`;
    const calls = new Map<string, number[]>();
    const handler = {
      process: async (clientId: string) => {
        const times = calls.get(clientId) ?? [];
        times.push(Date.now());
        calls.set(clientId, times);
        if (clientId === 'limited' && times.length === 1) throw new RateLimitedPushError('Too Many Requests', 1_500, 429);
        return 'created' as const;
      },
    };
    const processes = [0, 1].map(() => new SyncQueues({ connection: redisConnection(redisUrl!), prefix }, {} as DeliveryStore));
    for (const queues of processes) queues.startWorkers(handler);
    try {
      // When the limited push runs, and another push is queued once its wait is set
      await processes[0].enqueue([job('limited', 'nextens', 1)]);
      const [limitedAt] = await eventually(async () => calls.get('limited') ?? [], (times) => times.length === 1);
      await eventually(() => processes[0].queue('nextens').getRateLimitTtl(1e9), (ttl) => ttl > 0);
      await processes[1].enqueue([job('next', 'nextens', 2)]);
      await eventually(async () => calls.get('next') ?? [], (times) => times.length === 1);

      // Then the next push waited for the end of the 429's wait, whichever process took it
      expect(calls.get('next')![0] - limitedAt).toBeGreaterThanOrEqual(1_400);
      await eventually(async () => calls.get('limited') ?? [], (times) => times.length === 2);
    } finally {
      await processes[0].closeAndRemove();
      await processes[1].closeAndRemove();
    }
  });

  it('given a plain close, then the completed jobs stay for the operators to see', async () => {
    const prefix = `test-${randomUUID().slice(0, 8)}`;
    const queues = new SyncQueues({ connection: redisConnection(redisUrl!), prefix }, {} as DeliveryStore);
    const done: string[] = [];
    queues.startWorkers({ process: async (clientId) => (done.push(clientId), 'created') });
    await queues.enqueue([job('c-1', 'pinkweb', 1)]);
    await eventually(async () => done.length, (count) => count === 1);

    await queues.close();

    expect(await keysUnder(prefix)).not.toEqual([]);
    // This suite cleans up after itself all the same.
    await redis.del(...(await keysUnder(prefix)));
  });
});
