/**
 * The firm's time zone. "Today", the day a client became Klant, a date an auditor names: these
 * are dates on the office's calendar. Taken in UTC, work done between midnight and one or two
 * o'clock would fall on the day before (a check made "today" refused as lying in the future).
 */
export const FIRM_TIME_ZONE = 'Europe/Amsterdam';

// One formatter for all: making one costs far more than using it. Read field by field, not as a
// formatted string, whose shape is the locale data's to choose.
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
  // Most calls ask about the present: the date is kept for the minute it was read in (clocks
  // change on the hour, so a minute never straddles two dates).
  const minute = Math.floor(instant.getTime() / 60_000);
  if (lastDate?.minute === minute) return lastDate.date;
  const { year, month, day } = firmClockAt(instant.getTime());
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  lastDate = { minute, date };
  return date;
}

let lastDate: { minute: number; date: string } | undefined;

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
  const { year, month, day, hour, minute, second } = firmClockAt(instant);
  const shown = Date.UTC(year, month - 1, day, hour, minute, second);
  return shown - (instant - (((instant % 1000) + 1000) % 1000));
}

interface ClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the firm's clock shows at an instant, field by field. */
function firmClockAt(instant: number): ClockFields {
  const fields: Partial<Record<string, number>> = {};
  for (const part of clockFormat.formatToParts(new Date(instant))) fields[part.type] = Number(part.value);
  const { year, month, day, hour, minute, second } = fields;
  if ([year, month, day, hour, minute, second].some((value) => value === undefined || Number.isNaN(value))) {
    throw new Error(`this Node's time zone data cannot tell the time in ${FIRM_TIME_ZONE}`);
  }
  return fields as unknown as ClockFields;
}
