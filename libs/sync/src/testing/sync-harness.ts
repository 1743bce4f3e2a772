import { randomUUID } from 'node:crypto';
import type { AllSandboxes } from '@koppelhub/connectors';
import { eventStoreMigrations, PostgresEventStore } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { NO_RELATIONS } from '../client-push.builder';
import type { ClientRelationsReader } from '../client-relations.reader';
import type { DeliveryStore } from '../delivery.store';
import type { SyncDispatcher } from '../sync-dispatcher';
import { syncMigrations } from '../sync.migrations';
import type { SyncQueues } from '../sync-queues';
import { redisConnection } from '../queue-backend/redis-queue-backend';
import { startSyncRuntime, type SyncRuntimeOptions } from '../sync-runtime';

export interface SyncHarness {
  test: TestDatabase;
  store: PostgresEventStore;
  sandboxes: AllSandboxes;
  dispatcher: SyncDispatcher;
  deliveries: DeliveryStore;
  queues: SyncQueues;
  close(): Promise<void>;
}

/** The whole pipeline on a PostgreSQL schema, Redis (own key prefix) and the five sandboxes. */
export async function startSyncHarness(
  redisUrl: string,
  relations: ClientRelationsReader = { read: async () => NO_RELATIONS },
  options: Pick<SyncRuntimeOptions, 'metrics' | 'redriveEveryMs'> = {},
): Promise<SyncHarness> {
  const test = await openTestDatabase('postgres', [...eventStoreMigrations, ...syncMigrations]);
  const store = await PostgresEventStore.open(test.database);
  const runtime = await startSyncRuntime({
    database: test.database,
    store,
    relations,
    timeoutMs: 1_000,
    ...options,
    queue: { connection: redisConnection(redisUrl), prefix: `test-${randomUUID().slice(0, 8)}`, retry: { firstMs: 50 }, attempts: 6 },
  });
  return {
    test,
    store,
    sandboxes: runtime.sandboxes!,
    dispatcher: runtime.dispatcher,
    deliveries: runtime.deliveries,
    queues: runtime.queues,
    async close() {
      await runtime.close({ removeQueues: true });
      await store.close();
      await test.dispose();
    },
  };
}
