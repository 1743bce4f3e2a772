import { addYears, type CalendarDate } from '../shared/calendar-date';

/** Wwft records are kept 5 years after the relationship ends; fiscal records 7 years. */
export const WWFT_RETENTION_YEARS = 5;
export const FISCAL_RETENTION_YEARS = 7;

export function retentionFrom(endDate: CalendarDate): { wwftUntil: CalendarDate; fiscalUntil: CalendarDate } {
  return { wwftUntil: addYears(endDate, WWFT_RETENTION_YEARS), fiscalUntil: addYears(endDate, FISCAL_RETENTION_YEARS) };
}
