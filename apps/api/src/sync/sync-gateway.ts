import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { DomainError } from '@koppelhub/domain';
import { DeliveryStore, type PushJob, redisConnection, SyncQueues } from '@koppelhub/sync';

export class SyncNotConfigured extends DomainError {
  constructor() {
    super('sync.not-configured', 'rule', 'connector sync runs with REDIS_URL set (the worker process); nothing to re-drive here');
  }
}

/**
 * The API's side of the sync: the delivery record to read, and (with Redis) the queues to put a
 * re-driven push on. The workers themselves run in the worker process.
 */
@Injectable()
export class SyncGateway implements OnModuleDestroy {
  readonly deliveries: DeliveryStore;
  private readonly queues?: SyncQueues;

  constructor(@Inject(HUB_RUNTIME) runtime: HubRuntime) {
    this.deliveries = new DeliveryStore(runtime.database.pool);
    const redisUrl = runtime.settings.REDIS_URL;
    if (redisUrl) this.queues = new SyncQueues({ connection: redisConnection(redisUrl) }, this.deliveries);
  }

  async enqueue(jobs: PushJob[]): Promise<void> {
    if (!this.queues) throw new SyncNotConfigured();
    await this.queues.enqueue(jobs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queues?.close();
  }
}
