/**
 * How a push that failed transiently (the package down, slow or answering 5xx) is tried again:
 * delays doubling from `firstMs` up to `maxMs`, each drawn between half and all of its step so that
 * pushes failed together do not come back together, for about `windowMs` after the first attempt.
 * Only then does it land in the failed list: a package down for an afternoon is an outage to sit
 * out, not a refusal for an administrator to re-drive.
 */
export interface RetrySchedule {
  firstMs: number;
  maxMs: number;
  windowMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { firstMs: 500, maxMs: 5 * 60_000, windowMs: 24 * 3_600_000 };

/** The longest step before the `retry`th retry (1 for the first). */
export function retryStepMs(schedule: Pick<RetrySchedule, 'firstMs' | 'maxMs'>, retry: number): number {
  // 2^40 already passes any cap; beyond it the power would only overflow to Infinity.
  return Math.min(schedule.firstMs * 2 ** Math.min(retry - 1, 40), schedule.maxMs);
}

/** The delay before the `retry`th retry: between half and all of its step. */
export function retryDelayMs(schedule: Pick<RetrySchedule, 'firstMs' | 'maxMs'>, retry: number, random: () => number = Math.random): number {
  const step = retryStepMs(schedule, retry);
  return Math.floor(step / 2 + random() * (step / 2));
}

/**
 * Attempts in all (the first one included) whose retries, at their mean delay (three quarters of
 * each step), fit in the window: the last attempt comes about `windowMs` after the first.
 */
export function attemptsWithin(schedule: RetrySchedule): number {
  let attempts = 1;
  let elapsed = 0;
  for (;;) {
    const next = elapsed + 0.75 * retryStepMs(schedule, attempts);
    if (next > schedule.windowMs) return attempts;
    elapsed = next;
    attempts++;
  }
}
