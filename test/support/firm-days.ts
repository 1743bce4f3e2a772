import { calendarDateOf } from '@koppelhub/domain';

/**
 * Days on the firm's calendar counted from today, taken once: adding hours to the present instead
 * would land on the wrong day around midnight and on the nights the clocks change.
 */
export function firmDays(): (offset: number) => string {
  const [year, month, day] = calendarDateOf(new Date()).split('-').map(Number);
  return (offset) => new Date(Date.UTC(year!, month! - 1, day! + offset)).toISOString().slice(0, 10);
}
