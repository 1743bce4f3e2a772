import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import type { QueueBackend } from './queue-backend';

/** BullMQ on Redis; `prefix` keeps the keys of one hub (or one test) apart. */
export function redisQueueBackend(connection: string | ConnectionOptions, options: { prefix?: string } = {}): QueueBackend {
  const resolved = typeof connection === 'string' ? redisConnection(connection) : connection;
  const { prefix } = options;
  return {
    kind: 'redis',
    description: `Redis${prefix ? ` (prefix ${prefix})` : ''}`,
    queue: (name) => new Queue(name, { connection: resolved, prefix }),
    worker: (name, processor, workerOptions) => new Worker(name, processor, { ...workerOptions, connection: resolved, prefix }),
    close: async () => undefined,
  };
}

/** BullMQ connection options from a redis:// URL. */
export function redisConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; they must not give up on a slow answer.
    maxRetriesPerRequest: null,
  };
}
