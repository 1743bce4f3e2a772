import { sandboxPortsFromEnvironment } from '@koppelhub/connectors';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime, ReadModelRelationsReader } from '@koppelhub/application';
import {
  DeliveryStore,
  endpointsFromEnvironment,
  type PushJob,
  type QueueBackend,
  queueBackendFor,
  startSyncRuntime,
  SyncQueues,
  type SyncRuntime,
} from '@koppelhub/sync';
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
  runtime?: SyncRuntime;
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
    const { database, store, settings } = this.hub;
    this.backend = await queueBackendFor(database, settings);
    if (database.mode !== 'embedded') {
      this.syncQueues = new SyncQueues({ backend: this.backend }, this.deliveries);
      return;
    }
    const endpoints = endpointsFromEnvironment(process.env);
    this.runtime = await startSyncRuntime({
      database,
      store,
      queue: { backend: this.backend },
      relations: new ReadModelRelationsReader(database, store),
      endpoints,
      sandboxes: sandboxPortsFromEnvironment(process.env),
      // The workers run here, so their push counts are served on this process's /metrics.
      metrics: this.metrics,
    });
    this.syncQueues = this.runtime.queues;
    const target = endpoints ? 'the package endpoints in the environment' : 'the sandboxes below';
    this.logger.log(`dispatcher and connector workers run in this process, pushing to ${target}; queues on ${this.backend.description}`);
    for (const [pkg, url] of Object.entries(this.runtime.sandboxes?.urls ?? {})) {
      this.logger.log(`${pkg} sandbox at ${url} (what it holds: ${url}/__sandbox/records)`);
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
    if (this.runtime) await this.runtime.close();
    else await this.syncQueues?.close();
    await this.backend?.close();
  }
}
