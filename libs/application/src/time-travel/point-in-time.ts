import { endOfFirmDay, instantOf, isCalendarDate, isInstant, ValidationFailed } from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';

/**
 * Two questions an auditor asks. `asAt`: what did the hub know then (events recorded up to a time
 * or a global position)? `asOf`: what was in effect on a business date (events whose effective date,
 * e.g. a backdated end date, falls on or before it, whenever they were recorded)?
 */
export type PointInTime = { asAt: Date } | { asAtPosition: number } | { asOf: Date };

export function eventsAt(events: readonly RecordedEvent[], point: PointInTime): RecordedEvent[] {
  if ('asAtPosition' in point) return events.filter((e) => e.position <= point.asAtPosition);
  if ('asAt' in point) return events.filter((e) => e.recordedAt.getTime() <= point.asAt.getTime());
  const date = point.asOf.getTime();
  return events.filter((e) => effectiveTime(e) <= date);
}

function effectiveTime(event: RecordedEvent): number {
  const effective = event.metadata.effectiveAt;
  // An effective date takes effect at the start of that day on the firm's calendar.
  return effective ? instantOf(effective).getTime() : event.recordedAt.getTime();
}

/** Reads `?asAt=` (an ISO time or a global position) and `?asOf=` (an ISO date or time). */
export function parsePointInTime(asAt?: string, asOf?: string): PointInTime | undefined {
  if (asAt !== undefined && asOf !== undefined) throw invalid('asAt', 'use asAt or asOf, not both');
  if (asAt !== undefined) {
    if (/^\d{1,15}$/.test(asAt)) return { asAtPosition: Number(asAt) };
    if (!isInstant(asAt)) throw invalid('asAt', 'asAt must be an ISO 8601 time or a global position');
    return { asAt: instantOf(asAt) };
  }
  if (asOf !== undefined) {
    if (!isInstant(asOf)) throw invalid('asOf', 'asOf must be an ISO 8601 date or time');
    // A bare date means the whole of that day, on the firm's calendar.
    return { asOf: isCalendarDate(asOf) ? endOfFirmDay(asOf) : instantOf(asOf) };
  }
  return undefined;
}

const invalid = (field: string, message: string) => new ValidationFailed([{ field, message }]);
