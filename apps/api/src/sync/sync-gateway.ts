import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime, type HubSync, startHubSync, syncRetryOf } from '@koppelhub/application';
import { DeliveryStore, type PushJob, type QueueBackend, queueBackendFor, SyncQueues } from '@koppelhub/sync';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';

/**
 * The API's side of the sync: the delivery record to read and the queues to put a re-driven push
 * on, on Redis (REDIS_URL) or else BullMQ's PostgreSQL backend on the hub's database. With the
 * embedded database the whole pipeline (dispatcher, workers, sandboxes) runs here, since no other
 * process can reach that database; with a server database it runs in the worker process.
 */
@Injectable()
export class SyncGateway implements OnModuleInit, OnModuleDestroy {
  readonly deliveries: DeliveryStore;
  /** The pipeline, when it runs in this process. */
  runtime?: HubSync;
  private backend?: QueueBackend;
  private syncQueues?: SyncQueues;
  private readonly logger = new Logger('sync');

  constructor(
    @Inject(HUB_RUNTIME) private readonly hub: HubRuntime,
    @Inject(METRICS_REGISTRY) private readonly metrics: Registry,
  ) {
    this.deliveries = new DeliveryStore(hub.database.pool);
  }

  async onModuleInit(): Promise<void> {
    const { database } = this.hub;
    if (database.mode !== 'embedded') {
      // The pipeline runs in the worker; the API only puts re-driven pushes on the queues.
      this.backend = await queueBackendFor(database, this.hub.settings);
      this.syncQueues = new SyncQueues({ backend: this.backend, retry: syncRetryOf(this.hub.settings) }, this.deliveries);
      return;
    }
    // The workers run here, so their push counts are served on this process's /metrics.
    this.runtime = await startHubSync(this.hub, { metrics: this.metrics });
    this.syncQueues = this.runtime.queues;
    const target = this.runtime.onSandboxes ? 'the sandboxes below' : 'the package endpoints in the environment';
    this.logger.log(`dispatcher and connector workers run in this process, pushing to ${target}; queues on ${this.runtime.backend.description}`);
    for (const [pkg, url] of Object.entries(this.runtime.sandboxes?.urls ?? {})) {
      this.logger.log(`${pkg} sandbox at ${url} (what it holds: ${url}/__sandbox/records, or /sandbox/${pkg}/records on this API)`);
    }
  }

  get queues(): SyncQueues {
    if (!this.syncQueues) throw new Error('the sync gateway has not started');
    return this.syncQueues;
  }

  async enqueue(jobs: PushJob[]): Promise<void> {
    await this.queues.enqueue(jobs);
  }

  /** Drains the pushes in hand, then closes the queues (the database closes after the app). */
  async onModuleDestroy(): Promise<void> {
    if (this.runtime) {
      await this.runtime.close();
      return;
    }
    await this.syncQueues?.close();
    await this.backend?.close();
  }
}
