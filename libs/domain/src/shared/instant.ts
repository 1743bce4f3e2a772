import { isCalendarDate } from './calendar-date';

// A calendar date, or one with a time of day and an optional offset. ISO 8601 also has week and
// ordinal dates (2026-W05, 2026-032) that `Date` cannot read and PostgreSQL refuses.
const INSTANT = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH:mm]`, naming a day that exists. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  // `Date` rolls 30 February over into March instead of refusing it: the day is checked on its own.
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(new Date(value).getTime());
}
