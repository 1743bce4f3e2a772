import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { eventually } from '../../eventstore/src/testing/eventually';
import { describeOnPostgres, postgresUrl } from '../../eventstore/src/testing/test-database';
import { AdvisoryDeliveryLocks, DeliveryBusy } from './delivery-locks';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('deliveries held across worker processes (PostgreSQL)', () => {
  // Two pools stand for two processes: each has sessions of its own, as a second worker would.
  const name = `delivery-locks-${randomUUID().slice(0, 8)}`;
  let first: Pool;
  let second: Pool;
  const opened: AdvisoryDeliveryLocks[] = [];
  const locksOn = (pool: Pool, waitLimitMs?: number) => {
    const locks = new AdvisoryDeliveryLocks(pool, waitLimitMs);
    opened.push(locks);
    return locks;
  };

  beforeAll(() => {
    first = new Pool({ connectionString: postgresUrl, max: 3, application_name: `${name}-first` });
    second = new Pool({ connectionString: postgresUrl, max: 3, application_name: `${name}-second` });
    for (const pool of [first, second]) pool.on('error', () => undefined);
  });
  // Each holds a connection of its pool for as long as it is open.
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((locks) => locks.close()));
  });
  afterAll(async () => {
    await Promise.all([first.end(), second.end()]);
  });

  /** A task that records when it ran, taking `ms`. */
  const timeline = () => {
    const events: string[] = [];
    const task = (label: string, ms = 30) => async () => {
      events.push(`${label} started`);
      await pause(ms);
      events.push(`${label} ended`);
      return label;
    };
    /** Once the task labelled so has started (it holds its delivery then). */
    const started = (label: string) => eventually(() => events, (seen) => seen.includes(`${label} started`));
    return { events, task, started };
  };

  it('given one process pushing a delivery, when the other asks for the same delivery, then its task starts only after the first ended', async () => {
    const key = `${randomUUID()}/twinfield`;
    const [a, b] = [locksOn(first), locksOn(second)];
    const { events, task, started } = timeline();

    const holding = a.run(key, task('a', 300));
    await started('a');
    const answers = await Promise.all([holding, b.run(key, task('b'))]);

    expect(answers).toEqual(['a', 'b']);
    expect(events).toEqual(['a started', 'a ended', 'b started', 'b ended']);
  });

  it('given two processes, when they push different deliveries, then both run at once', async () => {
    const client = randomUUID();
    const [a, b] = [locksOn(first), locksOn(second)];
    const { events, task } = timeline();

    await Promise.all([a.run(`${client}/twinfield`, task('a')), b.run(`${client}/nextens`, task('b'))]);

    expect(events.slice(0, 2).sort()).toEqual(['a started', 'b started']);
  });

  it('given a job of many clients in each process, when both run the same clients, then no delivery is pushed by both at once', async () => {
    const keys = Array.from({ length: 25 }, () => `${randomUUID()}/pinkweb`);
    const [a, b] = [locksOn(first), locksOn(second)];
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    const push = (key: string) => async () => {
      const now = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, now);
      if (now > 1) overlaps++;
      await pause(50);
      inFlight.set(key, now - 1);
    };

    await Promise.all([...keys.map((key) => a.run(key, push(key))), ...keys.map((key) => b.run(key, push(key)))]);

    expect(overlaps).toBe(0);
    expect([...inFlight.values()].every((count) => count === 0)).toBe(true);
  });

  it('given the holding process loses its database session, when the other asks, then it gets the delivery without waiting for the first task', async () => {
    const key = `${randomUUID()}/qicsmilestones`;
    const lost = new Pool({ connectionString: postgresUrl, max: 2, application_name: `${name}-lost` });
    lost.on('error', () => undefined);
    const [a, b] = [new AdvisoryDeliveryLocks(lost), locksOn(second)];
    const { events, task, started } = timeline();
    const holding = a.run(key, task('a', 2_000));
    await started('a');

    const killer = new Pool({ connectionString: postgresUrl, max: 1 });
    await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`${name}-lost`]);
    await killer.end();
    await b.run(key, task('b', 1));

    expect(events).toEqual(['a started', 'b started', 'b ended']);
    await holding;
    await a.close();
    await lost.end();
  });

  it('given a delivery held by another process beyond the wait limit, then the task fails as busy and never runs', async () => {
    const key = `${randomUUID()}/casewarecloud`;
    const [a, b] = [locksOn(first), locksOn(second, 100)];
    const { events, task, started } = timeline();
    const holding = a.run(key, task('a', 1_000));
    await started('a');

    await expect(b.run(key, task('b'))).rejects.toBeInstanceOf(DeliveryBusy);

    expect(events).toEqual(['a started']);
    await holding;
  });

  it('given a task that failed, then its delivery is free for the other process', async () => {
    const key = `${randomUUID()}/nextens`;
    const [a, b] = [locksOn(first), locksOn(second, 200)];

    await expect(
      a.run(key, async () => {
        throw new Error('package down');
      }),
    ).rejects.toThrow('package down');

    await expect(b.run(key, async () => 'pushed')).resolves.toBe('pushed');
  });

  it('given a process that closes while a task still holds a delivery, then the other gets it at once', async () => {
    const key = `${randomUUID()}/pinkweb`;
    const [a, b] = [new AdvisoryDeliveryLocks(first), locksOn(second, 200)];
    const { task, started } = timeline();
    const stuck = a.run(key, task('a', 1_000));
    await started('a');

    await a.close();

    await expect(b.run(key, async () => 'pushed')).resolves.toBe('pushed');
    await stuck;
  });
});
