import { sandboxPortsFromEnvironment } from '@koppelhub/connectors';
import { endpointsFromEnvironment, type QueueBackend, queueBackendFor, startSyncRuntime, type SyncRuntime } from '@koppelhub/sync';
import type { Registry } from 'prom-client';
import type { HubRuntime } from '../runtime/hub-runtime';
import { ReadModelRelationsReader } from './read-model-relations.reader';
import { syncRetryOf } from './sync-retry';

export interface HubSync extends SyncRuntime {
  backend: QueueBackend;
  /** True when no package endpoints are configured and the in-process sandboxes stand in. */
  onSandboxes: boolean;
}

/**
 * The sync pipeline of a hub process, wired the one way the worker and the embedded API share:
 * queues on Redis with REDIS_URL, else on the hub's PostgreSQL; the packages from the environment,
 * else the sandboxes; contacts, portal users and invoice-to from the read models. `close` drains
 * the pushes in hand and then closes the queues' backend.
 */
export async function startHubSync(runtime: HubRuntime, options: { metrics?: Registry; env?: NodeJS.ProcessEnv } = {}): Promise<HubSync> {
  const env = options.env ?? process.env;
  const backend = await queueBackendFor(runtime.database, runtime.settings);
  const endpoints = endpointsFromEnvironment(env);
  const sync = await startSyncRuntime({
    database: runtime.database,
    store: runtime.store,
    endpoints,
    relations: new ReadModelRelationsReader(runtime.database, runtime.store, runtime.projections),
    queue: { backend, retry: syncRetryOf(runtime.settings) },
    sandboxes: sandboxPortsFromEnvironment(env),
    metrics: options.metrics,
  });
  return {
    ...sync,
    backend,
    onSandboxes: endpoints === undefined,
    async close() {
      await sync.close();
      await backend.close();
    },
  };
}
