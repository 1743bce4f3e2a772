import { type CalendarDate, isCalendarDate } from '../shared/calendar-date';

/** Before this a birth date is a typing error (a year 1066 for 1966), not a living client. */
export const EARLIEST_DATE_OF_BIRTH: CalendarDate = '1900-01-01';

/**
 * What is wrong with a person's date of birth, if anything. `today` is the day of the decision
 * (from its context, never the clock), so a retried decision judges the same date the same way.
 */
export function dateOfBirthProblem(value: unknown, today: CalendarDate): string | undefined {
  if (!isCalendarDate(value)) return 'dateOfBirth must be a date as YYYY-MM-DD';
  if (value > today) return 'dateOfBirth must not lie in the future';
  if (value < EARLIEST_DATE_OF_BIRTH) return `dateOfBirth must not lie before ${EARLIEST_DATE_OF_BIRTH}`;
  return undefined;
}
