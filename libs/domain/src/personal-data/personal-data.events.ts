import type { CalendarDate } from '../shared/calendar-date';
import type { DomainEvent } from '../shared/domain-event';

/**
 * On the client's stream: the keys of these subjects were destroyed, so their personal data reads
 * as "erased" in every event and read model from now on. It carries no personal data itself.
 */
export type PersonalDataErased = DomainEvent<
  'PersonalDataErased',
  {
    clientId: string;
    subjects: string[];
    erasedOn: CalendarDate;
    /** The retention that had ended: the later of the two dates is the one that allowed erasure. */
    retention: { wwftUntil: CalendarDate; fiscalUntil: CalendarDate };
  }
>;

/**
 * On the client's access stream (`personal_data_access-<id>`): someone read personal data unmasked.
 * Names the fields and the view, never their values; the actor is in the metadata.
 */
export type PersonalDataRevealed = DomainEvent<
  'PersonalDataRevealed',
  { clientId: string; fields: string[]; view: string }
>;

export const personalDataAccessStream = (clientId: string): string => `personal_data_access-${clientId}`;

/** The subjects an event erases (none for any other event). */
export function erasedSubjectsOf(event: { type: string; data: object }): string[] {
  if (event.type !== 'PersonalDataErased') return [];
  const subjects = (event.data as { subjects?: unknown }).subjects;
  return Array.isArray(subjects) ? subjects.filter((s): s is string => typeof s === 'string') : [];
}
