import { randomUUID } from 'node:crypto';
import { PermanentPushError, RateLimitedPushError, TransientPushError } from '@koppelhub/connectors';
import type { PackageName } from '@koppelhub/domain';
import { inTransaction } from '@koppelhub/eventstore';
import {
  describeOnPostgres,
  dropTestSchema,
  openTestDatabase,
  postgresUrl,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../eventstore/src/testing/test-database';
import { DeliveryStore } from './delivery.store';
import type { PushOutcome } from './push.processor';
import { embeddedQueueBackend } from './queue-backend/embedded-queue-backend';
import { postgresQueueBackend } from './queue-backend/postgres-queue-backend';
import type { QueueBackend } from './queue-backend/queue-backend';
import { job, jobsFor } from './push-job';
import { SyncQueues, type SyncQueueOptions } from './sync-queues';
import { syncMigrations } from './sync.migrations';
import { eventually } from '../../eventstore/src/testing/eventually';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Attempt = (clientId: string, pkg: PackageName, attempt: number) => Promise<PushOutcome>;

/** A package answering a push's first attempt with 429 and this Retry-After, and the next with success. */
const limitedOnce =
  (retryAfterMs: number): Attempt =>
  async (_clientId, _pkg, attempt) => {
    if (attempt === 1) throw new RateLimitedPushError('Too Many Requests', retryAfterMs, 429);
    return 'created';
  };

function suite(kind: TestDatabaseKind) {
  let test: TestDatabase;
  let backend: QueueBackend;
  let deliveries: DeliveryStore;
  let dropSchema = async (): Promise<void> => undefined;

  beforeAll(async () => {
    test = await openTestDatabase(kind, syncMigrations);
    deliveries = new DeliveryStore(test.database.pool);
    if (kind === 'pglite') {
      backend = await embeddedQueueBackend(test.database);
    } else {
      const schema = `bullmq_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      backend = await postgresQueueBackend({ connectionString: postgresUrl!, schema });
      dropSchema = () => dropTestSchema(schema);
    }
  });
  afterAll(async () => {
    await backend?.close();
    await test?.dispose();
    await dropSchema();
  });

  /** Queues and workers for one test, running `attempt` per job; `stop` closes them and empties the queues. */
  function startQueues(attempt: Attempt, concurrency?: SyncQueueOptions['concurrency'], retrying: Pick<SyncQueueOptions, 'retry' | 'attempts'> = { retry: { firstMs: 50 }, attempts: 3 }) {
    const calls = new Map<string, number[]>();
    const askedAt = new Map<string, number | undefined>();
    const queues = new SyncQueues({ backend, ...retrying, concurrency }, deliveries);
    queues.startWorkers({
      process: async (clientId, pkg, position) => {
        askedAt.set(clientId, position);
        const times = calls.get(clientId) ?? [];
        times.push(Date.now());
        calls.set(clientId, times);
        return attempt(clientId, pkg, times.length);
      },
    });
    return {
      queues,
      callsOf: (clientId: string) => calls.get(clientId) ?? [],
      /** The position the last push of the client was asked for at. */
      askedAtOf: (clientId: string) => askedAt.get(clientId),
      stateOf: (pkg: PackageName, jobId: string) => queues.queue(pkg).getJobState(jobId),
      async stop() {
        for (const queue of queues.all()) await queue.obliterate({ force: true });
        await queues.close();
      },
    };
  }

  it('given a job id already queued, when the same job is added again, then it is pushed once', async () => {
    const run = startQueues(async () => 'created');
    try {
      const push = job(randomUUID(), 'pinkweb', 7);
      // When the same job is added twice at once, once more after, and again once it has completed
      await Promise.all([run.queues.enqueue([push]), run.queues.enqueue([push])]);
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('pinkweb', push.jobId), (state) => state === 'completed');
      await run.queues.enqueue([push]);
      // Then the queue holds one job, completed, and the package was asked once
      const counts = await run.queues.queue('pinkweb').getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
      expect(run.callsOf(push.members[0].clientId)).toHaveLength(1);
    } finally {
      await run.stop();
    }
  });

  it('given a completed job, when the same id is added again replacing finished ones, then it runs once more', async () => {
    const run = startQueues(async () => 'created');
    try {
      const push = job(randomUUID(), 'pinkweb', 8);
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('pinkweb', push.jobId), (state) => state === 'completed');

      // When a re-drive adds it again, replacing finished jobs
      await run.queues.enqueue([push], { replaceFinished: true });

      // Then the package is asked a second time
      await eventually(() => run.callsOf(push.members[0].clientId), (calls) => calls.length === 2);
      await eventually(() => run.stateOf('pinkweb', push.jobId), (state) => state === 'completed');
    } finally {
      await run.stop();
    }
  });

  it('given a push that fails twice, when it is queued, then it is retried after a backoff and succeeds', async () => {
    const run = startQueues(async (_clientId, _pkg, attempt) => {
      if (attempt < 3) throw new TransientPushError('503 Service Unavailable', 503);
      return 'updated';
    });
    try {
      const push = job(randomUUID(), 'nextens', 3);
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('nextens', push.jobId), (state) => state === 'completed');
      const calls = run.callsOf(push.members[0].clientId);
      expect(calls).toHaveLength(3);
      // The backoff (50 ms, doubled, up to half of it taken off as jitter) separates the attempts
      expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(20);
      expect(calls[2] - calls[1]).toBeGreaterThanOrEqual(45);
      expect(await run.queues.queue('nextens').getJob(push.jobId)).toMatchObject({ returnvalue: { updated: 1 }, attemptsMade: 3 });
    } finally {
      await run.stop();
    }
  });

  it('given a package down for fifteen attempts, when a push keeps failing transiently, then it is retried within its window at capped delays and lands', async () => {
    // Given retries doubling from 20 ms, capped at 40, for about 600 ms: 21 attempts. Uncapped, the
    // sixteenth would come some 11 minutes after the first; at the former fixed 8 attempts it
    // would have failed.
    const run = startQueues(
      async (_clientId, _pkg, attempt) => {
        if (attempt <= 15) throw new TransientPushError('503 Service Unavailable', 503);
        return 'updated';
      },
      undefined,
      { retry: { firstMs: 20, maxMs: 40, windowMs: 600 } },
    );
    try {
      const push = job(randomUUID(), 'nextens', 11);
      await run.queues.enqueue([push]);
      // Then the sixteenth attempt lands it
      await eventually(() => run.stateOf('nextens', push.jobId), (state) => state === 'completed', 20_000);
      expect(run.callsOf(push.members[0].clientId)).toHaveLength(16);
      expect(await run.queues.queue('nextens').getJob(push.jobId)).toMatchObject({ attemptsMade: 16 });
    } finally {
      await run.stop();
    }
  });

  it('given a retry window, when a push fails transiently through all of it, then its delivery is failed after the attempts the window holds', async () => {
    // Given retries from 20 ms capped at 40 for about 100 ms: at their mean delays (15, 30, 30 ms)
    // three retries fit, four attempts in all
    const run = startQueues(
      async () => {
        throw new TransientPushError('connect ECONNREFUSED');
      },
      undefined,
      { retry: { firstMs: 20, maxMs: 40, windowMs: 100 } },
    );
    const push = job(randomUUID(), 'casewarecloud', 12);
    const clientId = push.members[0].clientId;
    try {
      await inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, 'casewarecloud', 'hash-1', 12));
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('casewarecloud', push.jobId), (state) => state === 'failed');
      expect(run.callsOf(clientId)).toHaveLength(4);
      const delivery = await eventually(() => deliveries.get(clientId, 'casewarecloud'), (d) => d?.status === 'failed');
      expect(delivery).toMatchObject({ status: 'failed', message: 'connect ECONNREFUSED' });
    } finally {
      await run.stop();
      await test.database.pool.query('delete from sync_deliveries where client_id = $1', [clientId]);
    }
  });

  it('given a push the package refuses, when it is queued, then it is not retried and lands in the failed list', async () => {
    const run = startQueues(async () => {
      throw new PermanentPushError('email address is invalid', 422);
    });
    try {
      const push = job(randomUUID(), 'pinkweb', 4);
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('pinkweb', push.jobId), (state) => state === 'failed');
      const failed = await run.queues.queue('pinkweb').getFailed();
      expect(failed.map((j) => [j.id, j.failedReason])).toEqual([[push.jobId, 'email address is invalid']]);
      await pause(200);
      expect(run.callsOf(push.members[0].clientId)).toHaveLength(1);
    } finally {
      await run.stop();
    }
  });

  it('given a push that keeps failing, when its attempts run out, then it is failed and so is its delivery', async () => {
    const run = startQueues(async () => {
      throw new TransientPushError('connect ECONNREFUSED');
    });
    try {
      const push = job(randomUUID(), 'qicsmilestones', 9);
      await inTransaction(test.database.pool, (tx) => deliveries.want(tx, push.members[0].clientId, 'qicsmilestones', 'hash-1', 9));
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('qicsmilestones', push.jobId), (state) => state === 'failed');
      expect(run.callsOf(push.members[0].clientId)).toHaveLength(3);
      const delivery = await eventually(() => deliveries.get(push.members[0].clientId, 'qicsmilestones'), (d) => d?.status === 'failed');
      expect(delivery).toMatchObject({ status: 'failed', message: 'connect ECONNREFUSED' });
    } finally {
      await run.stop();
      await test.database.pool.query('delete from sync_deliveries where package = $1', ['qicsmilestones']);
    }
  });

  it('given a push whose last attempt just failed, when the queues close while its failure is being written, then close waits for it', async () => {
    // Given a delivery store slow to write a failure, and one attempt per push
    class SlowToNoteFailures extends DeliveryStore {
      override async noteAttempt(...args: Parameters<DeliveryStore['noteAttempt']>): Promise<void> {
        await pause(300);
        return super.noteAttempt(...args);
      }
    }
    const queues = new SyncQueues({ backend, attempts: 1 }, new SlowToNoteFailures(test.database.pool));
    queues.startWorkers({
      process: async () => {
        throw new TransientPushError('connect ECONNREFUSED');
      },
    });
    const push = job(randomUUID(), 'casewarecloud', 5);
    const clientId = push.members[0].clientId;
    try {
      await inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, 'casewarecloud', 'hash-1', 5));
      await queues.enqueue([push]);
      await eventually(() => queues.queue('casewarecloud').getJobState(push.jobId), (state) => state === 'failed');

      // When the queues close right after
      await queues.close();

      // Then the delivery's failure is written by the time close returns
      expect(await deliveries.get(clientId, 'casewarecloud')).toMatchObject({ status: 'failed', message: 'connect ECONNREFUSED' });
    } finally {
      // Closed again when the test failed before its own close: the workers must not outlive it.
      await queues.close();
      const queue = backend.queue('sync-casewarecloud');
      await queue.obliterate({ force: true });
      await queue.close();
      await test.database.pool.query('delete from sync_deliveries where client_id = $1', [clientId]);
    }
  });

  it('given a job of several, when one member is refused and one fails once, then only that one is tried again', async () => {
    const [fine, refused, flaky] = [randomUUID(), randomUUID(), randomUUID()];
    const run = startQueues(async (clientId, _pkg, attempt) => {
      if (clientId === refused) throw new PermanentPushError('email address is invalid', 422);
      if (clientId === flaky && attempt === 1) throw new TransientPushError('503 Service Unavailable', 503);
      return 'created';
    });
    try {
      // Given one job holding three clients
      const [push] = jobsFor([fine, refused, flaky].map((clientId) => ({ clientId, pkg: 'pinkweb' as const, position: 1 })));

      // When it runs
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('pinkweb', push.jobId), (state) => state === 'completed');

      // Then the refusal stopped at once, the transient failure was retried alone, and the job
      // reports what its members came to
      expect([fine, refused, flaky].map((id) => run.callsOf(id).length)).toEqual([1, 1, 2]);
      const done = await run.queues.queue('pinkweb').getJob(push.jobId);
      expect(done).toMatchObject({ returnvalue: { created: 1 }, attemptsMade: 2, data: { members: [{ clientId: flaky, position: 1 }] } });
    } finally {
      await run.stop();
    }
  });

  it('given a job of several that keeps failing, when its attempts run out, then each delivery is failed with its own message', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const run = startQueues(async (clientId) => {
      throw new TransientPushError(clientId === a ? 'connect ECONNREFUSED' : 'HTTP 503');
    });
    try {
      const [push] = jobsFor([a, b].map((clientId) => ({ clientId, pkg: 'qicsmilestones' as const, position: 9 })));
      for (const id of [a, b]) await inTransaction(test.database.pool, (tx) => deliveries.want(tx, id, 'qicsmilestones', 'hash-1', 9));

      await run.queues.enqueue([push]);

      await eventually(() => run.stateOf('qicsmilestones', push.jobId), (state) => state === 'failed');
      const failed = await eventually(() => deliveries.getMany([a, b].map((clientId) => ({ clientId, pkg: 'qicsmilestones' as const }))), (found) =>
        [...found.values()].every((d) => d.status === 'failed'),
      );
      expect([a, b].map((id) => failed.get(`${id}/qicsmilestones`)?.message)).toEqual(['connect ECONNREFUSED', 'HTTP 503']);
      expect([a, b].map((id) => run.callsOf(id).length)).toEqual([3, 3]);
    } finally {
      await run.stop();
      await test.database.pool.query('delete from sync_deliveries where package = $1', ['qicsmilestones']);
    }
  });

  it('given a 429 with Retry-After, when the push is queued, then the queue waits as told and the push succeeds', async () => {
    // Several jobs at a time: the wait the 429 asked for holds for the worker's other fetches too.
    const run = startQueues(limitedOnce(400));
    try {
      const push = job(randomUUID(), 'qicsmilestones', 5);
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('qicsmilestones', push.jobId), (state) => state === 'completed');
      const calls = run.callsOf(push.members[0].clientId);
      expect(calls).toHaveLength(2);
      expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(380);
    } finally {
      await run.stop();
    }
  });

  it('given a 429 with Retry-After, when the push is put back, then it waits delayed, for no worker to take before its time', async () => {
    const run = startQueues(limitedOnce(1_000));
    try {
      // Given a push the package answers with 429 and Retry-After: 1 s
      const push = job(randomUUID(), 'nextens', 3);
      const clientId = push.members[0].clientId;

      // When it has been answered
      await run.queues.enqueue([push]);
      await eventually(() => run.callsOf(clientId), (calls) => calls.length === 1);

      // Then it sits delayed, not back in the queue, and is pushed again once the wait is over
      await eventually(() => run.stateOf('nextens', push.jobId), (state) => state === 'delayed');
      expect(run.callsOf(clientId)).toHaveLength(1);
      await eventually(() => run.stateOf('nextens', push.jobId), (state) => state === 'completed');
      const calls = run.callsOf(clientId);
      expect(calls).toHaveLength(2);
      expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(980);
    } finally {
      await run.stop();
    }
  });

  it('given two sets of workers, when one meets a 429, then neither takes the package’s next job before the wait is over', async () => {
    // Given two sets of queues and workers on the same backend, as two worker processes would run
    // them, and a package answering the first push with 429 and Retry-After: 1.5 s
    const [limited, next] = [randomUUID(), randomUUID()];
    const calls = new Map<string, number[]>();
    const callsOf = (clientId: string) => calls.get(clientId) ?? [];
    const process = async (clientId: string): Promise<PushOutcome> => {
      calls.set(clientId, [...callsOf(clientId), Date.now()]);
      if (clientId === limited && callsOf(clientId).length === 1) throw new RateLimitedPushError('Too Many Requests', 1_500, 429);
      return 'created';
    };
    const sets = [0, 1].map(() => new SyncQueues({ backend }, deliveries));
    for (const queues of sets) queues.startWorkers({ process });
    try {
      // When the limited push runs, and another push is queued once the wait is set
      await sets[0].enqueue([job(limited, 'pinkweb', 1)]);
      const [limitedAt] = await eventually(() => callsOf(limited), (times) => times.length === 1);
      await eventually(() => sets[0].queue('pinkweb').getRateLimitTtl(1e9), (ttl) => ttl > 0);
      await sets[1].enqueue([job(next, 'pinkweb', 2)]);
      const [nextAt] = await eventually(() => callsOf(next), (times) => times.length === 1);

      // Then the next push waited for the end of the 429's wait, whichever set took it
      expect(nextAt - limitedAt).toBeGreaterThanOrEqual(1_400);
      await eventually(() => callsOf(limited), (times) => times.length === 2);
    } finally {
      await sets[1].close();
      await sets[0].closeAndRemove();
    }
  });

  it('given a job of several, when one member is rate limited, then only that one goes again after the wait', async () => {
    const [fine, limited] = [randomUUID(), randomUUID()];
    const run = startQueues(
      async (clientId, _pkg, attempt) => {
        if (clientId === limited && attempt === 1) throw new RateLimitedPushError('Too Many Requests', 300, 429);
        return 'created';
      },
      { nextens: 1 },
    );
    try {
      // Given one job holding both
      const [push] = jobsFor([fine, limited].map((clientId) => ({ clientId, pkg: 'nextens' as const, position: 2 })));

      // When it runs and the package asks to wait for one of them
      await run.queues.enqueue([push]);
      await eventually(() => run.stateOf('nextens', push.jobId), (state) => state === 'completed');

      // Then the other was pushed once, the limited one twice, the second time after the wait
      expect(run.callsOf(fine)).toHaveLength(1);
      const calls = run.callsOf(limited);
      expect(calls).toHaveLength(2);
      expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(280);
    } finally {
      await run.stop();
    }
  });

  it('given a job queued before jobs held several clients, when a worker takes it, then its one client is pushed', async () => {
    const run = startQueues(async () => 'updated');
    try {
      // Given jobs in the flat shape they had then, the oldest without a position
      const [clientId, older] = [randomUUID(), randomUUID()];
      await run.queues.queue('pinkweb').add('push', { clientId, package: 'pinkweb', position: 4 }, { jobId: `${clientId}_pinkweb_4` });
      await run.queues.queue('pinkweb').add('push', { clientId: older, package: 'pinkweb' }, { jobId: `${older}_pinkweb` });

      // When the worker runs them, then each client is pushed, asked for as of its position if it has one
      await eventually(() => run.stateOf('pinkweb', `${clientId}_pinkweb_4`), (state) => state === 'completed');
      await eventually(() => run.stateOf('pinkweb', `${older}_pinkweb`), (state) => state === 'completed');
      expect(run.callsOf(clientId)).toHaveLength(1);
      expect(run.askedAtOf(clientId)).toBe(4);
      expect(run.callsOf(older)).toHaveLength(1);
      expect(run.askedAtOf(older)).toBeUndefined();
    } finally {
      await run.stop();
    }
  });

  it('given a package set to one job at a time, when several are queued, then they go one at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const run = startQueues(async () => {
      most = Math.max(most, ++inFlight);
      await pause(40);
      inFlight--;
      return 'created';
    }, { twinfield: 1 });
    try {
      const pushes = Array.from({ length: 4 }, (_, n) => job(randomUUID(), 'twinfield', n));
      await run.queues.enqueue(pushes);
      await eventually(() => run.queues.queue('twinfield').getJobCounts('completed'), (counts) => counts.completed === 4);
      expect(most).toBe(1);
    } finally {
      await run.stop();
    }
  });
}

describe('SyncQueues on BullMQ\'s PostgreSQL backend, embedded PGlite', () => suite('pglite'));
describeOnPostgres('SyncQueues on BullMQ\'s PostgreSQL backend, PostgreSQL server', () => suite('postgres'));
