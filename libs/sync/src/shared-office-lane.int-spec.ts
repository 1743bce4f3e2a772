import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { describeOnPostgres, postgresUrl } from '../../eventstore/src/testing/test-database';
import { TransientPushError } from '@koppelhub/connectors';
import { SharedOfficeLane } from './shared-office-lane';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('one Twinfield office shared by two worker processes (PostgreSQL)', () => {
  // Two pools stand for two processes: each has sessions of its own, as a second worker would.
  let first: Pool;
  let second: Pool;

  beforeAll(() => {
    first = new Pool({ connectionString: postgresUrl, max: 3 });
    second = new Pool({ connectionString: postgresUrl, max: 3 });
  });
  afterAll(async () => {
    await Promise.all([first.end(), second.end()]);
  });

  /** Records how many requests are in flight at once across both processes. */
  const office = () => {
    let inFlight = 0;
    let most = 0;
    const done: string[] = [];
    const request = (name: string) => async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await pause(2);
      inFlight--;
      done.push(name);
      return name;
    };
    return { request, done, most: () => most };
  };

  it('given both processes pushing at once, when their requests run, then never more than one is in flight', async () => {
    const name = `twinfield:${randomUUID()}`;
    const [a, b] = [new SharedOfficeLane(first, name), new SharedOfficeLane(second, name)];
    const twinfield = office();

    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.run(twinfield.request(`a${i}`))),
      ...Array.from({ length: 10 }, (_, i) => b.run(twinfield.request(`b${i}`))),
    ]);

    expect(twinfield.most()).toBe(1);
    expect(answers).toHaveLength(20);
  });

  it('given one process with a long queue, when the other asks for the office, then it gets a turn before the queue is done', async () => {
    const name = `twinfield:${randomUUID()}`;
    const [busy, other] = [new SharedOfficeLane(first, name), new SharedOfficeLane(second, name)];
    const twinfield = office();
    const long = Array.from({ length: 120 }, (_, i) => busy.run(twinfield.request(`busy${i}`)));
    await pause(20);

    await other.run(twinfield.request('other'));

    expect(twinfield.done.indexOf('other')).toBeLessThan(119);
    await Promise.all(long);
    expect(twinfield.most()).toBe(1);
  });

  it('given a failing request, when it fails, then the office is free for the next one', async () => {
    const name = `twinfield:${randomUUID()}`;
    const [a, b] = [new SharedOfficeLane(first, name), new SharedOfficeLane(second, name)];

    await expect(a.run(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');

    await expect(b.run(async () => 'next')).resolves.toBe('next');
  });

  it('given the office held by another process past the wait limit, when a push asks for it, then it fails as transient and leaves the office to the holder', async () => {
    const name = `twinfield:${randomUUID()}`;
    const holder = new SharedOfficeLane(first, name);
    const waiter = new SharedOfficeLane(second, name, 100);
    let release!: () => void;
    const held = holder.run(() => new Promise<void>((resolve) => (release = resolve)));
    await pause(20);

    const refused = waiter.run(async () => 'pushed');

    await expect(refused).rejects.toBeInstanceOf(TransientPushError);
    await expect(refused).rejects.toThrow(`${name} stayed busy with another worker process for 100 ms`);
    release();
    await held;
    await expect(waiter.run(async () => 'pushed later')).resolves.toBe('pushed later');
  });

  it('given a wait for the office that ended with the office, when its connection goes back to the pool, then it carries no lock timeout', async () => {
    const name = `twinfield:${randomUUID()}`;
    const single = new Pool({ connectionString: postgresUrl, max: 1 });
    try {
      const holder = new SharedOfficeLane(first, name);
      const waiter = new SharedOfficeLane(single, name, 5_000);
      let release!: () => void;
      const held = holder.run(() => new Promise<void>((resolve) => (release = resolve)));
      await pause(20);

      const waited = waiter.run(async () => 'pushed');
      await pause(50);
      release();

      await expect(waited).resolves.toBe('pushed');
      await held;
      const { rows } = await single.query<{ lock_timeout: string }>('show lock_timeout');
      expect(rows[0].lock_timeout).toBe('0');
    } finally {
      await single.end();
    }
  });
});
