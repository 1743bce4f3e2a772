import { job, jobOf, jobsFor, memberId } from './push-job';

describe('push jobs', () => {
  const requests = (count: number, pkg: 'pinkweb' | 'twinfield') =>
    Array.from({ length: count }, (_, n) => ({ clientId: `c${n}`, pkg, position: 100 + n }));

  it('given requests for two packages, when put in jobs, then each job holds one package and at most the given number, in order', () => {
    const jobs = jobsFor([...requests(5, 'pinkweb'), ...requests(2, 'twinfield')], 2);

    expect(jobs.map((j) => [j.package, j.members.map((m) => m.clientId)])).toEqual([
      ['pinkweb', ['c0', 'c1']],
      ['pinkweb', ['c2', 'c3']],
      ['pinkweb', ['c4']],
      ['twinfield', ['c0', 'c1']],
    ]);
  });

  it('given one member, then the job is named after it, as a job of one always was', () => {
    expect(jobsFor(requests(1, 'pinkweb'))).toEqual([job('c0', 'pinkweb', 100)]);
    expect(job('c0', 'pinkweb', 100).jobId).toBe(memberId('c0', 'pinkweb', 100));
    expect(memberId('c0', 'pinkweb', 100)).toBe('c0_pinkweb_100');
  });

  it('given the same members in another order, then the job has the same id; another position, another id', () => {
    const members = [
      { clientId: 'a', position: 1 },
      { clientId: 'b', position: 2 },
    ];
    const first = jobOf('nextens', members);

    expect(jobOf('nextens', [...members].reverse()).jobId).toBe(first.jobId);
    expect(jobOf('nextens', [members[0], { clientId: 'b', position: 3 }]).jobId).not.toBe(first.jobId);
    expect(jobOf('pinkweb', members).jobId).not.toBe(first.jobId);
    // BullMQ refuses ':' in custom ids
    expect(first.jobId).not.toContain(':');
  });
});
