import { PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { PermanentPushError, RateLimitedPushError } from '@koppelhub/connectors';
import { type ConnectionOptions, DelayedError, UnrecoverableError } from 'bullmq';
import type { DeliveryStore } from './delivery.store';
import type { PushOutcome, PushProcessor } from './push.processor';
import type { PushJobData, QueueBackend, SyncQueue, SyncWorker } from './queue-backend/queue-backend';
import { redisQueueBackend } from './queue-backend/redis-queue-backend';
import type { EnqueueOptions, PushJob, PushMember } from './push-job';
import { attemptsWithin, DEFAULT_RETRY_SCHEDULE, retryDelayMs, type RetrySchedule } from './retry-schedule';

export interface SyncQueueOptions {
  /** Where the queues live: `redisQueueBackend(url)`, `postgresQueueBackend(…)` or `embeddedQueueBackend(…)`. */
  backend?: QueueBackend;
  /** Shorthand for a Redis backend: BullMQ's Redis connection options (used when `backend` is not given). */
  connection?: ConnectionOptions;
  /** Redis key prefix; tests use one of their own. (On PostgreSQL the backend's schema is the namespace.) */
  prefix?: string;
  /** How transient failures are retried (see RetrySchedule); default DEFAULT_RETRY_SCHEDULE. */
  retry?: Partial<RetrySchedule>;
  /** Attempts in all, overriding the count the retry window gives (tests that exhaust them). */
  attempts?: number;
  concurrency?: Partial<Record<PackageName, number>>;
}

/**
 * Jobs a worker runs side by side, per package; each holds up to MEMBERS_PER_JOB clients, so 4 keep
 * about 100 pushes in hand, which the connectors send in batched requests. Twinfield takes one
 * request at a time per office (25 customers at most): 2 jobs keep the next request filled while
 * one is on its way. The sync bench ran the same with 2 or 8 jobs of 25 or 50.
 */
export const DEFAULT_CONCURRENCY: Readonly<Record<PackageName, number>> = {
  pinkweb: 4,
  casewarecloud: 4,
  nextens: 4,
  qicsmilestones: 4,
  twinfield: 4,
};

/** What a worker runs per job; the PushProcessor in production. */
export type PushHandler = Pick<PushProcessor, 'process'>;

/**
 * One BullMQ queue and worker per package. Failures steer retries: a refusal stops at once (and
 * lands in the failed list), a 429 pauses the package's queue for as long as it asked, anything
 * else is retried on the RetrySchedule (capped exponential backoff with jitter, for a window of
 * about a day). One request in flight per Twinfield administration is kept by the Twinfield
 * connector itself. The same on either backend.
 */
export class SyncQueues {
  readonly backend: QueueBackend;
  private readonly queues = new Map<PackageName, SyncQueue>();
  private readonly workers: SyncWorker[] = [];
  /** Final failures being written to the delivery record (see the workers' failed handler). */
  private readonly failuresBeingNoted = new Set<Promise<void>>();
  private readonly attempts: number;
  private readonly retry: RetrySchedule;

  constructor(
    private readonly options: SyncQueueOptions,
    private readonly deliveries: DeliveryStore,
  ) {
    if (!options.backend && !options.connection) throw new Error('SyncQueues needs a backend or a Redis connection');
    this.backend = options.backend ?? redisQueueBackend(options.connection!, { prefix: options.prefix });
    this.retry = { ...DEFAULT_RETRY_SCHEDULE, ...options.retry };
    this.attempts = options.attempts ?? attemptsWithin(this.retry);
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
      // Jobs queued before carry `exponential`, which BullMQ still computes itself.
      backoff: { type: CAPPED_BACKOFF },
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
            data: { package: job.package, members: job.members },
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
        async (job, token) => {
          const members = membersOf(job.data);
          const settled = await Promise.allSettled(members.map((m) => processor.process(m.clientId, pkg, m.position)));
          const failures = members.flatMap((member, i) => {
            const result = settled[i];
            return result.status === 'rejected' ? [{ member, error: result.reason as unknown }] : [];
          });
          if (failures.length === 0) return outcomesOf(settled);
          // A refusal stops at once: the processor put it in the failed list.
          const retry = failures.filter(({ error }) => !(error instanceof PermanentPushError));
          if (retry.length === 0) {
            if (failures.length < members.length) return outcomesOf(settled);
            throw new UnrecoverableError(messageOf(failures[0].error));
          }
          // The next attempt carries only the members still to push (a flat job has only the one).
          const still = new Set(retry.map(({ member }) => member));
          if (job.data.members && retry.length < members.length) {
            await job.updateData({ package: pkg, members: job.data.members.filter((member) => still.has(member)) });
          }
          const limited = retry.map(({ error }) => error).filter((e): e is RateLimitedPushError => e instanceof RateLimitedPushError);
          if (limited.length > 0) {
            const waitMs = Math.max(...limited.map((e) => e.retryAfterMs ?? 1_000));
            // The wait holds for the package's other jobs too, in every process.
            await worker.rateLimit(waitMs);
            // The limited job itself waits delayed, not back in the queue: on BullMQ's PostgreSQL
            // backend a fetch checks the limit and claims a job in two statements, so one that
            // checked just before the limit was set can still claim a job put back just after. A
            // delayed job is claimed by no one before its time.
            await job.moveToDelayed(Date.now() + waitMs, token);
            throw new DelayedError();
          }
          throw retry.length === 1 ? retry[0].error : new PushesFailed(retry.map(({ member, error }) => [member.clientId, messageOf(error)]));
        },
        {
          concurrency: this.options.concurrency?.[pkg] ?? DEFAULT_CONCURRENCY[pkg],
          // A 429 pauses the package's queue for every worker, in every process: BullMQ heeds the
          // wait `rateLimit` sets only where a limiter is configured. This one is never reached.
          limiter: { max: UNREACHED_JOBS_PER_SECOND, duration: 1_000 },
          settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(this.retry, attemptsMade) },
        },
      );
      worker.on('error', () => undefined);
      worker.on('failed', (job, error) => {
        // The last transient failure also lands in the failed list, with the package's message.
        // The job's own count: it may have been queued by another process, or before a change.
        if (!job || error instanceof UnrecoverableError || job.attemptsMade < (job.opts.attempts ?? this.attempts)) return;
        for (const { clientId, position } of membersOf(job.data)) {
          const message = (error instanceof PushesFailed && error.messages.get(clientId)) || error.message;
          // Kept until written: close() waits for it, so a stop does not lose a delivery's failure.
          const noted = this.deliveries.noteAttempt(clientId, pkg, message, { failed: true, askedAt: position }).catch(() => undefined);
          this.failuresBeingNoted.add(noted);
          void noted.then(() => this.failuresBeingNoted.delete(noted));
        }
      });
      this.workers.push(worker);
    }
  }

  /** Finishes the jobs in hand, then closes workers and queues (the backend stays with its owner). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.failuresBeingNoted);
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  /** As close(), deleting every job and key of the queues once the workers have stopped. */
  async closeAndRemove(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    // The limiter's counter outlives the jobs by its second; it goes too.
    await Promise.all([...this.queues.values()].map(async (q) => (await q.obliterate({ force: true }), await q.removeRateLimitKey())));
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

/** The limiter's own rate: jobs of 25 pushes each, so far past what any package takes. */
const UNREACHED_JOBS_PER_SECOND = 1_000_000;

/** The jobs' backoff type: BullMQ leaves it to the workers' strategy (RetrySchedule). */
const CAPPED_BACKOFF = 'capped-exponential';

/**
 * Jobs queued before jobs held several clients carry one, flat, and the oldest no position: such a
 * job settles as of what it reads, as it did then.
 */
function membersOf(data: PushJobData): Array<Omit<PushMember, 'position'> & { position?: number }> {
  if (data.members) return data.members;
  return data.clientId ? [{ clientId: data.clientId, position: data.position }] : [];
}

/** What a job's members came to, counted per outcome (the job's return value, for the dashboard). */
function outcomesOf(settled: PromiseSettledResult<PushOutcome>[]): Partial<Record<PushOutcome | 'refused', number>> {
  const counts: Partial<Record<PushOutcome | 'refused', number>> = {};
  for (const result of settled) {
    const outcome = result.status === 'fulfilled' ? result.value : 'refused';
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Several members of a job failed, each for its own reason; the failed list gets each one's. */
class PushesFailed extends Error {
  readonly messages: Map<string, string>;

  constructor(failures: Array<[clientId: string, message: string]>) {
    super(`${failures.length} pushes failed, the first: ${failures[0][1]}`);
    this.messages = new Map(failures);
  }
}

/** Finished jobs under these ids make room for a new run; waiting, delayed or running ones stay. */
async function removeFinished(queue: SyncQueue, jobs: PushJob[]): Promise<void> {
  await Promise.all(
    jobs.map(async ({ jobId }) => {
      const state = await queue.getJobState(jobId);
      if (state === 'completed' || state === 'failed') await queue.remove(jobId);
    }),
  );
}
