import { PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { PermanentPushError, RateLimitedPushError } from '@koppelhub/connectors';
import { type ConnectionOptions, UnrecoverableError, Worker } from 'bullmq';
import type { DeliveryStore } from './delivery.store';
import type { PushProcessor } from './push.processor';
import type { QueueBackend, SyncQueue, SyncWorker } from './queue-backend/queue-backend';
import { redisQueueBackend } from './queue-backend/redis-queue-backend';
import type { EnqueueOptions, PushJob } from './push-job';

export interface SyncQueueOptions {
  /** Where the queues live: `redisQueueBackend(url)`, `postgresQueueBackend(…)` or `embeddedQueueBackend(…)`. */
  backend?: QueueBackend;
  /** Shorthand for a Redis backend: BullMQ's Redis connection options (used when `backend` is not given). */
  connection?: ConnectionOptions;
  /** Redis key prefix; tests use one of their own. (On PostgreSQL the backend's schema is the namespace.) */
  prefix?: string;
  attempts?: number;
  /** First retry delay; doubled each attempt, with jitter. */
  backoffMs?: number;
  concurrency?: Partial<Record<PackageName, number>>;
}

/**
 * Jobs a worker runs side by side, per package. A push mostly waits (on the hub's database and on
 * the package), so 16 keep a package busy; fewer left the sync bench waiting on round trips (4: 400
 * pushes/s per package alone). Twinfield takes one request at a time per office, so its jobs wait
 * in the connector and go up to 25 in one request: enough jobs in hand to fill one.
 */
export const DEFAULT_CONCURRENCY: Readonly<Record<PackageName, number>> = {
  pinkweb: 16,
  casewarecloud: 16,
  nextens: 16,
  qicsmilestones: 16,
  twinfield: 25,
};

/** What a worker runs per job; the PushProcessor in production. */
export type PushHandler = Pick<PushProcessor, 'process'>;

/**
 * One BullMQ queue and worker per package. Failures steer retries: a refusal stops at once (and
 * lands in the failed list), a 429 pauses the package's queue for as long as it asked, anything
 * else backs off exponentially with jitter. One request in flight per Twinfield administration is
 * kept by the Twinfield connector itself. The same on either backend.
 */
export class SyncQueues {
  readonly backend: QueueBackend;
  private readonly queues = new Map<PackageName, SyncQueue>();
  private readonly workers: SyncWorker[] = [];
  private readonly attempts: number;

  constructor(
    private readonly options: SyncQueueOptions,
    private readonly deliveries: DeliveryStore,
  ) {
    if (!options.backend && !options.connection) throw new Error('SyncQueues needs a backend or a Redis connection');
    this.backend = options.backend ?? redisQueueBackend(options.connection!, { prefix: options.prefix });
    this.attempts = options.attempts ?? 8;
    for (const pkg of PACKAGE_NAMES) {
      const queue = this.backend.queue(queueName(pkg));
      queue.on('error', () => undefined);
      this.queues.set(pkg, queue);
    }
  }

  /**
   * One bulk add per package queue; a job id already queued, running or kept is not added again
   * (unless `replaceFinished` and the kept one has finished).
   */
  enqueue = async (jobs: PushJob[], enqueueOptions: EnqueueOptions = {}): Promise<void> => {
    const options = {
      attempts: this.attempts,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? 500, jitter: 0.5 },
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    };
    await Promise.all(
      PACKAGE_NAMES.map(async (pkg) => {
        const mine = jobs.filter((job) => job.package === pkg);
        if (mine.length === 0) return;
        const queue = this.queues.get(pkg)!;
        if (enqueueOptions.replaceFinished) await removeFinished(queue, mine);
        await queue.addBulk(
          mine.map((job) => ({
            name: 'push',
            data: { clientId: job.clientId, package: job.package, position: job.position },
            opts: { ...options, jobId: job.jobId },
          })),
        );
      }),
    );
  };

  startWorkers(processor: PushHandler): void {
    for (const pkg of PACKAGE_NAMES) {
      const worker: SyncWorker = this.backend.worker(
        queueName(pkg),
        async (job) => {
          try {
            return await processor.process(job.data.clientId, pkg, job.data.position);
          } catch (error) {
            if (error instanceof PermanentPushError) throw new UnrecoverableError(error.message);
            if (error instanceof RateLimitedPushError) {
              await worker.rateLimit(error.retryAfterMs ?? 1_000);
              throw Worker.RateLimitError();
            }
            throw error;
          }
        },
        { concurrency: this.options.concurrency?.[pkg] ?? DEFAULT_CONCURRENCY[pkg] },
      );
      worker.on('error', () => undefined);
      worker.on('failed', (job, error) => {
        // The last transient failure also lands in the failed list, with the package's message.
        if (job && !(error instanceof UnrecoverableError) && job.attemptsMade >= this.attempts) {
          void this.deliveries.noteAttempt(job.data.clientId, pkg, error.message, true).catch(() => undefined);
        }
      });
      this.workers.push(worker);
    }
  }

  /** Finishes the jobs in hand, then closes workers and queues (the backend stays with its owner). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  /** As close(), deleting every job and key of the queues once the workers have stopped. */
  async closeAndRemove(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.obliterate({ force: true })));
    await this.close();
  }

  queue(pkg: PackageName): SyncQueue {
    return this.queues.get(pkg)!;
  }

  /** Every package's queue, e.g. for the queue dashboard. */
  all(): SyncQueue[] {
    return [...this.queues.values()];
  }
}

const queueName = (pkg: PackageName) => `sync-${pkg}`;

/** Finished jobs under these ids make room for a new run; waiting, delayed or running ones stay. */
async function removeFinished(queue: SyncQueue, jobs: PushJob[]): Promise<void> {
  await Promise.all(
    jobs.map(async ({ jobId }) => {
      const state = await queue.getJobState(jobId);
      if (state === 'completed' || state === 'failed') await queue.remove(jobId);
    }),
  );
}
