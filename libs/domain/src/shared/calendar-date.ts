import { firmDateOf } from './firm-time-zone';

/** A date without a time, as `YYYY-MM-DD` (the way Dutch forms and the Wwft file write them). */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The calendar date of an instant in the firm's time zone (reviews are due by the day). */
export function calendarDateOf(instant: Date): CalendarDate {
  return firmDateOf(instant);
}

/** Adds whole years; 29 February falls back to 28 February in a year without one. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year + years, month - 1, day));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}
