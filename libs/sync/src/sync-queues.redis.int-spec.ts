import { randomUUID } from 'node:crypto';
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
