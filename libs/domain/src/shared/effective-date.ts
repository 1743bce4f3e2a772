import type { DomainEvent } from './domain-event';
import type { CalendarDate } from './calendar-date';

/**
 * The business date an event takes effect on, where that can differ from when it was recorded: a
 * relationship ended today with last month's end date. Time travel `asOf` reads it; most events
 * take effect when recorded and have none.
 */
export function effectiveDateOf(event: DomainEvent): CalendarDate | undefined {
  if (event.type !== 'ClientStatusChanged') return undefined;
  return (event.data as { endDate?: CalendarDate }).endDate;
}
