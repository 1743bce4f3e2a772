import type { CalendarDate } from '../shared/calendar-date';
import type { DomainEvent } from '../shared/domain-event';
import type { RiskClass, WwftRegistration } from './wwft-registration';

/**
 * On the client's stream: the whole Wwft registration as it now stands. `reviewedFrom` is the date
 * the review clock runs from (first recording, or the last review); editing does not move it.
 */
export type WwftRegistrationRecorded = DomainEvent<
  'WwftRegistrationRecorded',
  { clientId: string; registration: WwftRegistration; reviewedFrom: CalendarDate; nextReviewDate?: CalendarDate }
>;

/** A periodic review: the clock restarts on `reviewedOn`, with the (possibly new) risk class. */
export type WwftReviewRecorded = DomainEvent<
  'WwftReviewRecorded',
  {
    clientId: string;
    reviewedOn: CalendarDate;
    riskClass: RiskClass;
    riskMotivation?: string;
    notes?: string;
    nextReviewDate: CalendarDate;
  }
>;

export type WwftEvent = WwftRegistrationRecorded | WwftReviewRecorded;
