/**
 * The firm's time zone. "Today", the day a client became Klant, a date an auditor names: these
 * are dates on the office's calendar. Taken in UTC, work done between midnight and one or two
 * o'clock would fall on the day before (a check made "today" refused as lying in the future).
 */
export const FIRM_TIME_ZONE = 'Europe/Amsterdam';

// One formatter each: making one costs far more than using it. en-CA writes YYYY-MM-DD.
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: FIRM_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const clockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: FIRM_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The date the firm's calendar shows at an instant, as YYYY-MM-DD. */
export function firmDateOf(instant: Date): string {
  return dateFormat.format(instant);
}

/**
 * The instant at which the firm's clock shows a wall time, given as `Date.UTC(...)` of its fields.
 * In the hour skipped when clocks go forward, the time an hour later; in the hour repeated when
 * they go back, its first pass.
 */
export function instantOnFirmClock(wallTime: number): Date {
  // The offsets a few hours either side cover any change of the clocks in between.
  const before = offsetAt(wallTime - THREE_HOURS);
  const after = offsetAt(wallTime + THREE_HOURS);
  const shown = [wallTime - before, wallTime - after].filter((instant) => wallTime - instant === offsetAt(instant));
  return new Date(shown.length > 0 ? Math.min(...shown) : wallTime - before);
}

const THREE_HOURS = 3 * 3_600_000;

/** How far the firm's clock runs ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  const fields = Object.fromEntries(clockFormat.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const shown = Date.UTC(fields.year!, fields.month! - 1, fields.day, fields.hour, fields.minute, fields.second);
  return shown - (instant - (((instant % 1000) + 1000) % 1000));
}
