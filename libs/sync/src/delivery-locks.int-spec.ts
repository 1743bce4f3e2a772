import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../../eventstore/src/testing/eventually';
import { describeOnPostgres, postgresUrl } from '../../eventstore/src/testing/test-database';
import { AdvisoryDeliveryLocks, DeliveryBusy, deliveryLockName } from './delivery-locks';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The schema the hub of these worker processes runs in. */
const SCHEMA = 'delivery_locks_spec';

describeOnPostgres('deliveries held across worker processes (PostgreSQL)', () => {
  const name = `delivery-locks-${randomUUID().slice(0, 8)}`;
  /** A process's connection for its locks, named so that a test can find its session. */
  const connectionOf = (process: string) => async () => {
    const client = new Client({ connectionString: postgresUrl, application_name: `${name}-${process}` });
    await client.connect();
    return client;
  };
  const opened: AdvisoryDeliveryLocks[] = [];
  /** The locks of a worker process: each has a session of its own, as a second worker would. */
  const locksOf = (process: string, waitLimitMs?: number, schema = SCHEMA) => {
    const locks = new AdvisoryDeliveryLocks(connectionOf(process), { schema, waitLimitMs });
    opened.push(locks);
    return locks;
  };
  /** Ends the named process's session from outside, as a database restart would. */
  const endSessionOf = async (process: string) => {
    const admin = new Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`${name}-${process}`]);
    await admin.end();
  };

  // Each holds a connection for as long as it is open.
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((locks) => locks.close()));
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
    const [a, b] = [locksOf('first'), locksOf('second')];
    const { events, task, started } = timeline();

    const holding = a.run(key, task('a', 300));
    await started('a');
    const answers = await Promise.all([holding, b.run(key, task('b'))]);

    expect(answers).toEqual(['a', 'b']);
    expect(events).toEqual(['a started', 'a ended', 'b started', 'b ended']);
  });

  it('given hubs in two schemas of one database, when both push a delivery of the same client and package, then both run at once', async () => {
    // Given a client id both hubs have (ids derive from client numbers)
    const key = `${randomUUID()}/twinfield`;
    const [here, there] = [locksOf('first'), locksOf('second', undefined, `${SCHEMA}_other`)];
    const { events, task, started } = timeline();

    // When one pushes it, and the other asks for it meanwhile
    const holding = here.run(key, task('here', 300));
    await started('here');
    await there.run(key, task('there'));

    // Then the other did not wait for the first to end
    expect(events.slice(0, 3)).toEqual(['here started', 'there started', 'there ended']);
    await holding;
  });

  it('given two processes, when they push different deliveries, then both run at once', async () => {
    const client = randomUUID();
    const [a, b] = [locksOf('first'), locksOf('second')];
    const { events, task } = timeline();

    await Promise.all([a.run(`${client}/twinfield`, task('a')), b.run(`${client}/nextens`, task('b'))]);

    expect(events.slice(0, 2).sort()).toEqual(['a started', 'b started']);
  });

  it('given a job of many clients in each process, when both run the same clients, then no delivery is pushed by both at once', async () => {
    const keys = Array.from({ length: 25 }, () => `${randomUUID()}/pinkweb`);
    const [a, b] = [locksOf('first'), locksOf('second')];
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

  it('given the holding process dies (its session ends), when the other asks, then it gets the delivery at once, without a timeout to run out', async () => {
    const key = `${randomUUID()}/qicsmilestones`;
    const [dying, b] = [locksOf('dying'), locksOf('second')];
    const { events, task, started } = timeline();
    // The dying process's task is left running: only its session ends here.
    const holding = dying.run(key, task('a', 2_000));
    await started('a');

    await endSessionOf('dying');
    await b.run(key, task('b', 1));

    expect(events).toEqual(['a started', 'b started', 'b ended']);
    await holding;
  });

  it('given its session was ended, when the process pushes again, then it holds its deliveries on a new one', async () => {
    const key = `${randomUUID()}/twinfield`;
    const [a, b] = [locksOf('restarted'), locksOf('second')];
    await a.run(key, async () => 'warm');
    await endSessionOf('restarted');
    const { events, task, started } = timeline();

    const holding = eventually(
      () => a.run(key, task('a', 300)).then(() => true, () => false),
      (ran) => ran,
    );
    await started('a');
    await b.run(key, task('b', 1));
    await holding;

    expect(events).toEqual(['a started', 'a ended', 'b started', 'b ended']);
  });

  it('given two tasks of one process for the same delivery, then the second starts after the first gave it back, and no task of the other process runs between their start and end', async () => {
    const key = `${randomUUID()}/nextens`;
    const [a, b] = [locksOf('first'), locksOf('second')];
    const { events, task, started } = timeline();
    let inFlight = 0;
    let most = 0;
    const counted = (label: string) => async () => {
      most = Math.max(most, ++inFlight);
      try {
        return await task(label, 100)();
      } finally {
        inFlight--;
      }
    };

    const both = Promise.all([a.run(key, counted('a1')), a.run(key, counted('a2'))]);
    await started('a1');
    await Promise.all([both, b.run(key, counted('b'))]);

    expect(most).toBe(1);
    expect(events.indexOf('a2 started')).toBeGreaterThan(events.indexOf('a1 ended'));
  });

  it('given a delivery held by another process beyond the wait limit, then the task fails as busy and never runs', async () => {
    const key = `${randomUUID()}/casewarecloud`;
    const [a, b] = [locksOf('first'), locksOf('second', 100)];
    const { events, task, started } = timeline();
    const holding = a.run(key, task('a', 1_000));
    await started('a');

    await expect(b.run(key, task('b'))).rejects.toBeInstanceOf(DeliveryBusy);

    expect(events).toEqual(['a started']);
    await holding;
  });

  it('given a task that failed, then its delivery is free for the other process', async () => {
    const key = `${randomUUID()}/nextens`;
    const [a, b] = [locksOf('first'), locksOf('second', 200)];

    await expect(
      a.run(key, async () => {
        throw new Error('package down');
      }),
    ).rejects.toThrow('package down');

    await expect(b.run(key, async () => 'pushed')).resolves.toBe('pushed');
  });

  it('given a process that closes while a task still holds a delivery, then it waits for the task, and the other gets the delivery once it is given back', async () => {
    const key = `${randomUUID()}/pinkweb`;
    const [a, b] = [locksOf('closing'), locksOf('second')];
    const { events, task, started } = timeline();
    void a.run(key, task('a', 300));
    await started('a');

    const closing = a.close();
    const other = b.run(key, task('b', 1));
    await Promise.all([closing, other]);

    expect(events).toEqual(['a started', 'a ended', 'b started', 'b ended']);
  });

  describe('a try that fails on a connection still open', () => {
    /**
     * A process's connection whose next try fails once: before the database sees it (it took
     * nothing), or after (it took its keys), as a cancelled statement or a full lock table would.
     */
    const failingOnce = (process: string, when: 'before' | 'after') => {
      let armed = true;
      return async () => {
        const client = await connectionOf(process)();
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        // Only the try statement; everything else goes through as sent.
        (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
          if (!armed || typeof args[0] !== 'string' || !args[0].includes('pg_try_advisory_lock')) return query(...args);
          armed = false;
          if (when === 'after') await query(...args);
          throw new Error('canceling statement due to user request');
        };
        return client;
      };
    };
    const heldElsewhere = async (key: string) => {
      const other = await connectionOf('onlooker')();
      try {
        const name = deliveryLockName(SCHEMA, key);
        const { rows } = await other.query(`select pg_try_advisory_lock(hashtextextended($1, 0)) as taken`, [name]);
        if (rows[0].taken) await other.query(`select pg_advisory_unlock(hashtextextended($1, 0))`, [name]);
        return !rows[0].taken;
      } finally {
        await other.end();
      }
    };

    it('given a try that took nothing, when the next task of the process holds the delivery, then nothing given back later frees it under that task', async () => {
      const key = `${randomUUID()}/twinfield`;
      const locks = new AdvisoryDeliveryLocks(failingOnce('first', 'before'), { schema: SCHEMA });
      opened.push(locks);
      const { task, started } = timeline();

      // Given a task whose try failed, and the next task of the process for the same delivery holding it
      await expect(locks.run(key, task('failed'))).rejects.toThrow('canceling statement');
      const holding = locks.run(key, task('next', 1_500));
      await started('next');

      // When other deliveries are given back meanwhile (which gives back whatever is owed), and a second passes
      await locks.run(`${randomUUID()}/pinkweb`, task('other', 1));
      await pause(1_100);

      // Then the delivery is still held for the running task
      expect(await heldElsewhere(key)).toBe(true);
      await holding;
      expect(await heldElsewhere(key)).toBe(false);
    });

    it('given a try that took its delivery before failing, then the delivery is given back at once', async () => {
      const key = `${randomUUID()}/nextens`;
      const locks = new AdvisoryDeliveryLocks(failingOnce('first', 'after'), { schema: SCHEMA });
      opened.push(locks);

      await expect(locks.run(key, async () => 'pushed')).rejects.toThrow('canceling statement');

      expect(await heldElsewhere(key)).toBe(false);
    });
  });
});
