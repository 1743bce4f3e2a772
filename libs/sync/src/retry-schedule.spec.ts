import { attemptsWithin, DEFAULT_RETRY_SCHEDULE, retryDelayMs, retryStepMs } from './retry-schedule';

describe('retry schedule', () => {
  const schedule = { firstMs: 500, maxMs: 5 * 60_000, windowMs: 24 * 3_600_000 };

  it('given retries, then the steps double from the first delay and stop at the cap', () => {
    expect([1, 2, 3, 4, 10, 11, 12, 500].map((retry) => retryStepMs(schedule, retry))).toEqual([
      500, 1_000, 2_000, 4_000, 256_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('given a step, then the delay lies between half and all of it', () => {
    expect(retryDelayMs(schedule, 3, () => 0)).toBe(1_000);
    expect(retryDelayMs(schedule, 3, () => 0.5)).toBe(1_500);
    expect(retryDelayMs(schedule, 3, () => 0.999_999)).toBe(1_999);
    expect(retryDelayMs(schedule, 40, () => 0)).toBe(150_000);
  });

  it('given the default window of a day, then the attempts at their mean delays span about a day', () => {
    const attempts = attemptsWithin(DEFAULT_RETRY_SCHEDULE);
    let mean = 0;
    for (let retry = 1; retry < attempts; retry++) mean += 0.75 * retryStepMs(DEFAULT_RETRY_SCHEDULE, retry);
    expect(attempts).toBe(393);
    expect(mean).toBeLessThanOrEqual(DEFAULT_RETRY_SCHEDULE.windowMs);
    expect(mean + 0.75 * DEFAULT_RETRY_SCHEDULE.maxMs).toBeGreaterThan(DEFAULT_RETRY_SCHEDULE.windowMs);
  });

  it('given a window shorter than the first retry, then there is one attempt', () => {
    expect(attemptsWithin({ firstMs: 500, maxMs: 1_000, windowMs: 100 })).toBe(1);
  });
});
