import { OneAtATimePerKey } from './one-at-a-time-per-key';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('one task at a time per key', () => {
  it('given tasks for one key handed in at once, when they run, then one runs at a time in the order handed in', async () => {
    const lane = new OneAtATimePerKey<string>();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await pause(5);
      log.push(`end ${name}`);
      return name;
    };

    const answers = await Promise.all([lane.run('a', task('1')), lane.run('a', task('2')), lane.run('a', task('3'))]);

    expect(answers).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('given tasks for two keys, when they run, then they run side by side', async () => {
    const lane = new OneAtATimePerKey<string>();
    let inFlight = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++inFlight);
      await pause(5);
      inFlight--;
    };

    await Promise.all([lane.run('a', task), lane.run('b', task)]);

    expect(most).toBe(2);
  });

  it('given a failing task, when it fails, then its caller gets the error and the next task of the key still runs', async () => {
    const lane = new OneAtATimePerKey<string>();

    const failed = lane.run('a', async () => Promise.reject(new Error('refused')));
    const next = lane.run('a', async () => 'next');

    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });

  it('given every task of a key done, then the key is forgotten', async () => {
    const lane = new OneAtATimePerKey<string>();

    await Promise.all([lane.run('a', async () => 1), lane.run('b', async () => 2)]);
    await pause(0);

    expect(lane.size).toBe(0);
  });
});
