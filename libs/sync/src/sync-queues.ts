import { PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { PermanentPushError, RateLimitedPushError } from '@koppelhub/connectors';
import { type ConnectionOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { DeliveryStore } from './delivery.store';
import type { PushProcessor } from './push.processor';
import type { PushJob } from './sync-dispatcher';

export interface SyncQueueOptions {
  connection: ConnectionOptions;
  /** Key prefix; tests use one of their own. */
  prefix?: string;
  attempts?: number;
  /** First retry delay; doubled each attempt, with jitter. */
  backoffMs?: number;
  concurrency?: Partial<Record<PackageName, number>>;
}

/**
 * One BullMQ queue and worker per package. Failures steer retries: a refusal stops at once (and
 * lands in the failed list), a 429 pauses the package's queue for as long as it asked, anything
 * else backs off exponentially with jitter. Twinfield runs one job at a time: one request in flight
 * per administration.
 */
export class SyncQueues {
  private readonly queues = new Map<PackageName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly attempts: number;

  constructor(
    private readonly options: SyncQueueOptions,
    private readonly deliveries: DeliveryStore,
  ) {
    this.attempts = options.attempts ?? 8;
    for (const pkg of PACKAGE_NAMES) {
      const queue = new Queue(queueName(pkg), { connection: options.connection, prefix: options.prefix });
      queue.on('error', () => undefined);
      this.queues.set(pkg, queue);
    }
  }

  enqueue = async (jobs: PushJob[]): Promise<void> => {
    await Promise.all(
      jobs.map((job) =>
        this.queues.get(job.package)!.add(
          'push',
          { clientId: job.clientId, package: job.package },
          {
            jobId: job.jobId,
            attempts: this.attempts,
            backoff: { type: 'exponential', delay: this.options.backoffMs ?? 500, jitter: 0.5 },
            removeOnComplete: { count: 10_000 },
            removeOnFail: { count: 10_000 },
          },
        ),
      ),
    );
  };

  startWorkers(processor: PushProcessor): void {
    for (const pkg of PACKAGE_NAMES) {
      const worker: Worker = new Worker(
        queueName(pkg),
        async (job) => {
          const { clientId } = job.data as { clientId: string };
          try {
            return await processor.process(clientId, pkg);
          } catch (error) {
            if (error instanceof PermanentPushError) throw new UnrecoverableError(error.message);
            if (error instanceof RateLimitedPushError) {
              await worker.rateLimit(error.retryAfterMs ?? 1_000);
              throw Worker.RateLimitError();
            }
            throw error;
          }
        },
        {
          connection: this.options.connection,
          prefix: this.options.prefix,
          concurrency: this.options.concurrency?.[pkg] ?? (pkg === 'twinfield' ? 1 : 4),
        },
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

  /** Finishes the jobs in hand, then closes workers and queues. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  queue(pkg: PackageName): Queue {
    return this.queues.get(pkg)!;
  }
}

const queueName = (pkg: PackageName) => `sync-${pkg}`;
