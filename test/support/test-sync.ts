import { ReadModelRelationsReader } from '@koppelhub/application';
import { startSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '@koppelhub/sync';
import type { TestHub } from './test-hub';

/**
 * The sync pipeline over a test hub's database and log, with contacts, portal users and invoice-to
 * from the hub's read models, as the worker has them.
 */
export function startTestSync(hub: TestHub, options: Omit<SyncRuntimeOptions, 'database' | 'store' | 'relations'>): Promise<SyncRuntime> {
  const { database, store } = hub.runtime;
  return startSyncRuntime({ database, store, relations: new ReadModelRelationsReader(database, store), ...options });
}
