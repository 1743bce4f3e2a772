import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { describeOnPostgres, postgresUrl } from '../../eventstore/src/testing/test-database';
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

  it('given one process with slow requests, when the other asks for the office, then it gets a turn once the turn time is over', async () => {
    const name = `twinfield:${randomUUID()}`;
    const [busy, other] = [new SharedOfficeLane(first, name, 150), new SharedOfficeLane(second, name, 150)];
    const done: string[] = [];
    const slow = (label: string) => async () => {
      await pause(60);
      done.push(label);
    };
    const long = Array.from({ length: 12 }, (_, i) => busy.run(slow(`busy${i}`)));
    await pause(20);

    await other.run(slow('other'));

    // Twelve slow tasks are far fewer than a turn's count: only the turn's time let the other in.
    expect(done.indexOf('other')).toBeLessThan(8);
    await Promise.all(long);
  });

  it('given the connection holding the office ended by the database, when the next task comes, then the process lives on and takes the office again', async () => {
    const name = `twinfield:${randomUUID()}`;
    const lane = new SharedOfficeLane(first, name);
    let release!: () => void;
    const held = lane.run(() => new Promise<void>((resolve) => (release = resolve)));
    await pause(20);

    // Given the holder's session ended under it, as a database restart would
    await second.query(
      `select pg_terminate_backend(pid) from pg_locks
        where locktype = 'advisory' and granted and ((classid::int8 << 32) | objid::int8) = hashtextextended($1, 0)`,
      [name],
    );
    await pause(50);
    release();
    await held;

    await expect(lane.run(async () => 'pushed')).resolves.toBe('pushed');
    const other = new SharedOfficeLane(second, name);
    await expect(other.run(async () => 'and the office is free')).resolves.toBe('and the office is free');
  });
});
