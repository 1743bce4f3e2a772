import { randomUUID } from 'node:crypto';
import { ReadModelRelationsReader } from '@koppelhub/application';
import { redisConnection, startSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '@koppelhub/sync';
import type { TestHub } from './test-hub';

/**
 * The sync pipeline over a test hub's database and log, with contacts, portal users and invoice-to
 * from the hub's read models, as the worker has them.
 */
export function startTestSync(hub: TestHub, options: Omit<SyncRuntimeOptions, 'database' | 'store' | 'relations'>): Promise<SyncRuntime> {
  const { database, store } = hub.runtime;
  return startSyncRuntime({ database, store, relations: new ReadModelRelationsReader(database, store), ...options });
}

/** Queues on the shared Redis under a prefix of the suite's own, retried quickly: its jobs never meet another suite's. */
export const ownQueuesOn = (redisUrl: string): SyncRuntimeOptions['queue'] => ({
  connection: redisConnection(redisUrl),
  prefix: `e2e-${randomUUID().slice(0, 8)}`,
  retry: { firstMs: 100, maxMs: 2_000 },
});
