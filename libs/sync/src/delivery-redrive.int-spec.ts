import { randomUUID } from 'node:crypto';
import type { PackageName } from '@koppelhub/domain';
import { eventStoreMigrations, inTransaction } from '@koppelhub/eventstore';
import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../eventstore/src/testing/test-database';
import { NO_RELATIONS } from './client-push.builder';
import type { ClientRelationsReader } from './client-relations.reader';
import { DeliveryStore } from './delivery.store';
import { DeliveryRedrive, redriveFailed } from './delivery-redrive';
import { jobsFor, type PushJob } from './push-job';
import { syncMigrations } from './sync.migrations';

describeOnPostgres('delivery re-drive rounds (PostgreSQL)', () => {
  let test: TestDatabase;
  let deliveries: DeliveryStore;
  /** client → its invoice-to target, as the relations read model would say. */
  const invoiceTo = new Map<string, string>();
  const relations: ClientRelationsReader = {
    read: async (clientId) => {
      const target = invoiceTo.get(clientId);
      return target ? { ...NO_RELATIONS, invoiceTo: { clientId: target, clientNumber: '1' } } : NO_RELATIONS;
    },
  };
  /** What the rounds enqueued, each marked when it may replace a finished job of the same id. */
  let enqueued: Array<PushJob & { replaceFinished?: true }> = [];
  let redrive: DeliveryRedrive;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', [...eventStoreMigrations, ...syncMigrations]);
    deliveries = new DeliveryStore(test.database.pool);
    redrive = new DeliveryRedrive(deliveries, relations, async (jobs, options) => {
      enqueued.push(...jobs.map((j) => (options?.replaceFinished ? { ...j, replaceFinished: true as const } : j)));
    });
  });
  afterAll(async () => {
    await test.dispose();
  });
  beforeEach(async () => {
    enqueued = [];
    invoiceTo.clear();
    await test.database.pool.query('delete from sync_deliveries');
  });

  const want = (clientId: string, pkg: PackageName, position: number) =>
    inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, pkg, `h${position}`, position));
  const age = (clientId: string, ms: number) =>
    test.database.pool.query(`update sync_deliveries set updated_at = updated_at - $2 * interval '1 millisecond' where client_id = $1`, [clientId, ms]);

  it('enqueues again a delivery pending for longer than a round, under the job id the dispatcher gave it', async () => {
    // Given one delivery pending for a minute and one just decided
    const [lost, fresh] = [randomUUID(), randomUUID()];
    await want(lost, 'twinfield', 7);
    await want(fresh, 'twinfield', 8);
    await age(lost, 60_000);

    // When a round runs
    await redrive.round(10_000);

    // Then only the old one is enqueued, with its original job id (a job still queued is not
    // doubled; one the queue kept as finished, although its delivery is pending, is replaced)
    expect(enqueued).toEqual([
      { package: 'twinfield', jobId: `${lost}_twinfield_7`, members: [{ clientId: lost, position: 7 }], replaceFinished: true },
    ]);
  });

  it('rebuilds the jobs the dispatcher named, with their members still pending, so no member gets a second job', async () => {
    // Given a job of three members, one of them pushed since, and a delivery with no job named
    const [a, b, c, lone] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await want(lone, 'nextens', 40);
    const named = jobsFor([a, b, c].map((clientId, n) => ({ clientId, pkg: 'nextens' as const, position: 30 + n })));
    await inTransaction(test.database.pool, (tx) =>
      deliveries.wantAll(tx, named[0]!.members.map((m) => ({ clientId: m.clientId, pkg: 'nextens' as const, hash: `h${m.position}`, position: m.position, jobId: named[0]!.jobId }))),
    );
    await deliveries.markPushedMany([{ clientId: b, pkg: 'nextens', hash: 'h31', externalId: 'r-b' }]);
    for (const id of [a, b, c, lone]) await age(id, 60_000);

    // When a round runs
    await redrive.round(10_000);

    // Then the named job comes back under its own id with its pending members, the other as a job of one
    expect(named).toHaveLength(1);
    expect(enqueued).toEqual(
      expect.arrayContaining([
        { package: 'nextens', jobId: named[0].jobId, members: [{ clientId: a, position: 30 }, { clientId: c, position: 32 }], replaceFinished: true },
        { package: 'nextens', jobId: `${lone}_nextens_40`, members: [{ clientId: lone, position: 40 }], replaceFinished: true },
      ]),
    );
    expect(enqueued).toHaveLength(2);
  });

  it('gives a push that ran out of retries waiting for its invoice-to target another go once the target landed, once', async () => {
    // Given W2's QicsMilestones push given up while its invoice-to target H was not there yet
    const [w2, h] = [randomUUID(), randomUUID()];
    invoiceTo.set(w2, h);
    await want(w2, 'qicsmilestones', 10);
    await want(h, 'qicsmilestones', 11);
    await deliveries.noteAttempt(w2, 'qicsmilestones', 'invoice-to client 20010 is not in QicsMilestones yet', { failed: true });
    await age(w2, 1_000);
    await redrive.round(60_000);
    expect(enqueued).toEqual([]);

    // When H lands in QicsMilestones
    await deliveries.markPushedMany([{ clientId: h, pkg: 'qicsmilestones', hash: 'h11', externalId: '42' }]);
    await redrive.round(60_000);
    await redrive.round(60_000);

    // Then W2 is pending again and enqueued exactly once, under a job id of its own
    const landed = await deliveries.get(h, 'qicsmilestones');
    expect(enqueued).toEqual([
      { package: 'qicsmilestones', jobId: `${w2}_qicsmilestones_after_${landed!.updatedAt.getTime()}`, members: [{ clientId: w2, position: 10 }] },
    ]);
    expect(await deliveries.get(w2, 'qicsmilestones')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('given the target landed while the last attempt was on its way, when the failure is written after, then the push gets its go, once per landing', async () => {
    // Given W2's last attempt looking for H just before H landed, its failure written just after
    const [w2, h] = [randomUUID(), randomUUID()];
    invoiceTo.set(w2, h);
    await want(w2, 'qicsmilestones', 12);
    await want(h, 'qicsmilestones', 13);
    await deliveries.markPushedMany([{ clientId: h, pkg: 'qicsmilestones', hash: 'h13', externalId: '44' }]);
    await deliveries.noteAttempt(w2, 'qicsmilestones', 'invoice-to client 20010 is not in QicsMilestones yet', { failed: true });

    // When a round runs
    await redrive.round(60_000);

    // Then W2 is reopened for that landing
    const landed = await deliveries.get(h, 'qicsmilestones');
    const jobId = `${w2}_qicsmilestones_after_${landed!.updatedAt.getTime()}`;
    expect(enqueued).toEqual([{ package: 'qicsmilestones', jobId, members: [{ clientId: w2, position: 12 }] }]);
    expect(await deliveries.get(w2, 'qicsmilestones')).toMatchObject({ status: 'pending', jobId });

    // And when that go is given up too, a later round leaves it for the target's next landing
    await deliveries.noteAttempt(w2, 'qicsmilestones', 'HTTP 503', { failed: true });
    await redrive.round(60_000);
    expect(enqueued).toHaveLength(1);
    expect(await deliveries.get(w2, 'qicsmilestones')).toMatchObject({ status: 'failed' });
  });

  it('given the queue down when a landed target reopens a push, then it stays pending under its job and a later round enqueues it', async () => {
    // Given W2's push given up waiting for H, and H landed
    const [w2, h] = [randomUUID(), randomUUID()];
    invoiceTo.set(w2, h);
    await want(w2, 'qicsmilestones', 14);
    await want(h, 'qicsmilestones', 15);
    await deliveries.noteAttempt(w2, 'qicsmilestones', 'invoice-to client 20010 is not in QicsMilestones yet', { failed: true });
    await deliveries.markPushedMany([{ clientId: h, pkg: 'qicsmilestones', hash: 'h15', externalId: '45' }]);

    // When the round's enqueue fails
    const down = new DeliveryRedrive(deliveries, relations, async () => {
      throw new Error('connection refused');
    });
    await expect(down.round(60_000)).rejects.toThrow('connection refused');

    // Then W2 is pending under the landing's job id, not back in the failed list ...
    const landed = await deliveries.get(h, 'qicsmilestones');
    const jobId = `${w2}_qicsmilestones_after_${landed!.updatedAt.getTime()}`;
    expect(await deliveries.get(w2, 'qicsmilestones')).toMatchObject({ status: 'pending', jobId });

    // ... and a round once the queue is back puts that job on it
    await age(w2, 120_000);
    await redrive.round(60_000);
    expect(enqueued).toEqual([{ package: 'qicsmilestones', jobId, members: [{ clientId: w2, position: 14 }], replaceFinished: true }]);
  });

  it('leaves a refused push in the failed list for an operator, whatever its target does', async () => {
    // Given W2's push refused by the package
    const [w2, h] = [randomUUID(), randomUUID()];
    invoiceTo.set(w2, h);
    await want(w2, 'qicsmilestones', 20);
    await want(h, 'qicsmilestones', 21);
    await deliveries.noteAttempt(w2, 'qicsmilestones', 'Name is required', { failed: true, refused: true });
    await age(w2, 1_000);

    // When its target lands and a round runs
    await deliveries.markPushedMany([{ clientId: h, pkg: 'qicsmilestones', hash: 'h21', externalId: '43' }]);
    await redrive.round(60_000);

    // Then nothing is enqueued and it stays failed
    expect(enqueued).toEqual([]);
    expect(await deliveries.get(w2, 'qicsmilestones')).toMatchObject({ status: 'failed', refused: true });
  });

  it('given failed deliveries, when an operator re-drives them, then they go in jobs of this re-drive, which a later round rebuilds rather than doubles', async () => {
    // Given three failed deliveries to Nextens and one to Twinfield
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const [n, id] of ids.entries()) {
      await want(id, n < 3 ? 'nextens' : 'twinfield', 50 + n);
      await deliveries.noteAttempt(id, n < 3 ? 'nextens' : 'twinfield', 'HTTP 503', { failed: true });
    }
    const failed = await deliveries.withStatus('failed');

    // When they are re-driven together
    const reopened = await redriveFailed(deliveries, async (jobs) => void enqueued.push(...jobs), failed, 1234);

    // Then one job per package, named for this re-drive, each delivery pending under it
    expect(reopened).toHaveLength(4);
    expect(enqueued).toEqual([
      { package: 'nextens', jobId: 'nextens_redrive_1234_0', members: ids.slice(0, 3).map((clientId, n) => ({ clientId, position: 50 + n })) },
      { package: 'twinfield', jobId: `${ids[3]}_twinfield_redrive_1234`, members: [{ clientId: ids[3], position: 53 }] },
    ]);
    for (const id of ids.slice(0, 3)) expect(await deliveries.get(id, 'nextens')).toMatchObject({ status: 'pending', jobId: 'nextens_redrive_1234_0' });

    // And a re-drive of the same deliveries finds nothing failed any more
    expect(await redriveFailed(deliveries, async () => undefined, failed, 5678)).toEqual([]);

    // And when they stay pending for long, a round rebuilds that same job
    enqueued = [];
    for (const id of ids) await age(id, 60_000);
    await redrive.round(10_000);
    expect(enqueued.map((j) => j.jobId).sort()).toEqual([`${ids[3]}_twinfield_redrive_1234`, 'nextens_redrive_1234_0']);
  });
});
