import { type AllSandboxes, type AllSandboxesOptions, startAllSandboxes } from '@koppelhub/connectors';
import type { Database, EventStore } from '@koppelhub/eventstore';
import type { Registry } from 'prom-client';
import { NO_RELATIONS } from './client-push.builder';
import type { ClientRelationsReader } from './client-relations.reader';
import { AdvisoryDeliveryLocks } from './delivery-locks';
import { DeliveryStore } from './delivery.store';
import { PushMetrics } from './metrics/push.metrics';
import { createConnectors, type PackageEndpoints, sandboxEndpoints } from './package-connectors';
import { PushProcessor } from './push.processor';
import { PayloadHashes } from './payload-hashes';
import { RecentHistories } from './recent-histories';
import { SharedOfficeLane } from './shared-office-lane';
import { SyncDispatcher } from './sync-dispatcher';
import { SyncQueues, type SyncQueueOptions } from './sync-queues';

export interface SyncRuntimeOptions {
  database: Database;
  store: EventStore;
  queue: SyncQueueOptions;
  /** Real package endpoints; without them the five sandboxes are started in this process. */
  endpoints?: PackageEndpoints;
  /** Ports of those sandboxes (default: any free one). */
  sandboxes?: AllSandboxesOptions;
  relations?: ClientRelationsReader;
  timeoutMs?: number;
  /** Where the push counters and durations are registered (the process's metrics registry). */
  metrics?: Registry;
  /** See SyncDispatcherOptions. */
  redriveEveryMs?: number;
}

export interface SyncRuntime {
  dispatcher: SyncDispatcher;
  queues: SyncQueues;
  deliveries: DeliveryStore;
  sandboxes?: AllSandboxes;
  /**
   * Drains gracefully. `removeQueues` also deletes every job and key of the queues, for suites and
   * benches that ran on a prefix (or schema) of their own.
   */
  close(options?: { removeQueues?: boolean }): Promise<void>;
}

/** Dispatcher, queues and connector workers for one process; `close` drains them gracefully. */
export async function startSyncRuntime(options: SyncRuntimeOptions): Promise<SyncRuntime> {
  const sandboxes = options.endpoints ? undefined : await startAllSandboxes(options.sandboxes);
  const endpoints = options.endpoints ?? sandboxEndpoints(sandboxes!);
  const relations = options.relations ?? { read: async () => NO_RELATIONS };
  const deliveries = new DeliveryStore(options.database.pool);
  const queues = new SyncQueues(options.queue, deliveries);
  // The histories the dispatcher reads to decide serve the push jobs it enqueues.
  const recentHistories = new RecentHistories();
  const payloadHashes = new PayloadHashes();
  const dispatcher = new SyncDispatcher(options.database, options.store, relations, deliveries, queues.enqueue, {
    redriveEveryMs: options.redriveEveryMs,
    recentHistories,
    payloadHashes,
  });
  const metrics = options.metrics && new PushMetrics(options.metrics);
  // On a server, worker processes may run side by side: they share Twinfield's one-request lane,
  // and a client's jobs for one package run one at a time across them. Embedded, everything runs in
  // this one process.
  const onServer = options.database.mode === 'server';
  const twinfieldLane = onServer ? new SharedOfficeLane(options.database.pool, `twinfield:${endpoints.twinfield.office}`) : undefined;
  const acrossProcesses = onServer ? new AdvisoryDeliveryLocks(() => options.database.connect('koppelhub-delivery-locks'), { schema: options.database.schema }) : undefined;
  const connectors = createConnectors(endpoints, options.timeoutMs, { twinfieldLane });
  queues.startWorkers(
    new PushProcessor(options.store, relations, deliveries, connectors, { metrics, recent: recentHistories, hashes: payloadHashes, acrossProcesses }),
  );
  // Jobs a crash left between the committed decision and the queue go out again (same job ids).
  await dispatcher.redrivePending();
  dispatcher.start();
  return {
    dispatcher,
    queues,
    deliveries,
    sandboxes,
    async close(closing = {}) {
      try {
        await dispatcher.stop();
        await (closing.removeQueues ? queues.closeAndRemove() : queues.close());
      } finally {
        await acrossProcesses?.close();
      }
      await sandboxes?.close();
    },
  };
}
