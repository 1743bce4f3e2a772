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
});
