import { type CalendarDate, isCalendarDate } from './calendar-date';
import { instantOnFirmClock } from './firm-time-zone';

// A calendar date, or one with a time of day and an optional offset. ISO 8601 also has week and
// ordinal dates (2026-W05, 2026-032) that `Date` cannot read and PostgreSQL refuses.
const INSTANT = /^(\d{4}-\d{2}-\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH:mm]`, naming a day that exists. */
export function isInstant(value: unknown): value is string {
  return instantParts(value) !== undefined;
}

/** The regular expression's groups of an instant text; undefined when it is none. */
function instantParts(value: unknown): RegExpExecArray | undefined {
  if (typeof value !== 'string') return undefined;
  const match = INSTANT.exec(value);
  // `Date` rolls 30 February over into March instead of refusing it: the day is checked on its own.
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(new Date(value).getTime()) ? match : undefined;
}

/**
 * The instant an `isInstant` text names. With `Z` or an offset, as written; otherwise on the firm's
 * clock (FIRM_TIME_ZONE): a bare date is the start of that day there, a time without offset a time
 * there. `Date` would take the one as UTC and the other as the server's own zone.
 */
export function instantOf(value: string): Date {
  const match = instantParts(value);
  if (!match) throw new RangeError(`not an ISO 8601 date or time: ${value}`);
  const [, date, , hour, minute, , second, , fraction, offset] = match;
  if (offset) return new Date(value);
  const [year, month, day] = date!.split('-').map(Number);
  const millisecond = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  return instantOnFirmClock(Date.UTC(year!, month! - 1, day, Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), millisecond));
}

/** Midnight at the end of a date on the firm's calendar: the first moment of the day after. */
export function startOfNextFirmDay(date: CalendarDate): Date {
  const [year, month, day] = date.split('-').map(Number);
  return instantOnFirmClock(Date.UTC(year!, month! - 1, day! + 1));
}

/** The last millisecond of a date on the firm's calendar. */
export function endOfFirmDay(date: CalendarDate): Date {
  return new Date(startOfNextFirmDay(date).getTime() - 1);
}
