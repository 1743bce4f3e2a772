import { PeriodicRound } from './periodic-round';

describe('PeriodicRound', () => {
  afterEach(() => jest.useRealTimers());

  it('given a started round, when intervals pass, then it runs once per interval', async () => {
    jest.useFakeTimers();
    let rounds = 0;
    const periodic = new PeriodicRound(async () => void rounds++, { everyMs: 1_000 });

    periodic.start();
    await jest.advanceTimersByTimeAsync(3_000);

    expect(rounds).toBe(3);
    await periodic.stop();
  });

  it('given a round still running, when another is asked for, then it joins the running one', async () => {
    let rounds = 0;
    let finish: () => void = () => undefined;
    const periodic = new PeriodicRound(
      () => {
        rounds++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { everyMs: 1_000 },
    );

    const first = periodic.tick();
    const second = periodic.tick();
    finish();
    await Promise.all([first, second]);

    expect(rounds).toBe(1);
  });

  it('given a failing round, when it fails, then the error is reported and the next round runs', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    const periodic = new PeriodicRound(
      async () => {
        rounds++;
        if (rounds === 1) throw new Error('database gone');
      },
      { everyMs: 1_000, onError: (error) => errors.push(error) },
    );

    await periodic.tick();
    await periodic.tick();

    expect(rounds).toBe(2);
    expect(errors).toEqual([new Error('database gone')]);
  });

  it('given an interval of 0, when started, then it never runs', async () => {
    jest.useFakeTimers();
    let rounds = 0;
    const periodic = new PeriodicRound(async () => void rounds++, { everyMs: 0 });

    periodic.start({ now: true });
    await jest.advanceTimersByTimeAsync(10_000);

    expect(rounds).toBe(0);
  });
});
