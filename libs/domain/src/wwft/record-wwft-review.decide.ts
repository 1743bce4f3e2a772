import type { ClientState } from '../client/client.state';
import { type CalendarDate, calendarDateOf, isCalendarDate } from '../shared/calendar-date';
import { ValidationFailed } from '../shared/domain-error';
import type { DossierState } from '../dossier/dossier.state';
import { clientWithOpenDossier } from '../dossier/open-dossier';
import type { WwftReviewContext } from './record-wwft-registration.decide';
import { nextReviewDate } from './review-policy';
import { NoRiskClass, NoWwftRegistration } from './wwft.errors';
import { RISK_CLASSES, type RiskClass } from './wwft-registration';
import type { WwftReviewRecorded } from './wwft.events';

export interface RecordWwftReview {
  type: 'RecordWwftReview';
  data: {
    clientId: string;
    /** Defaults to today; a review held earlier may be recorded, one in the future may not. */
    reviewedOn?: CalendarDate;
    /** The risk class after the review; unchanged when left out. */
    riskClass?: RiskClass;
    riskMotivation?: string;
    notes?: string;
  };
}

/** A periodic review extends the registration: the next review is due a risk-class period later. */
export function decideRecordWwftReview(
  command: RecordWwftReview,
  client: ClientState,
  dossier: DossierState,
  context: WwftReviewContext,
): WwftReviewRecorded[] {
  const { clientId, riskMotivation, notes } = command.data;
  clientWithOpenDossier(clientId, client);
  if (!dossier.wwft) throw new NoWwftRegistration(clientId);
  const today = calendarDateOf(context.now);
  const reviewedOn = command.data.reviewedOn ?? today;
  if (!isCalendarDate(reviewedOn) || reviewedOn > today) {
    throw new ValidationFailed([{ field: 'reviewedOn', message: 'reviewedOn must be a date as YYYY-MM-DD, not in the future' }]);
  }
  const riskClass = command.data.riskClass ?? dossier.wwft.registration.risk?.class;
  if (riskClass === undefined) throw new NoRiskClass(clientId);
  if (!RISK_CLASSES.includes(riskClass)) {
    throw new ValidationFailed([{ field: 'riskClass', message: `riskClass must be one of ${RISK_CLASSES.join(', ')}` }]);
  }
  return [
    {
      type: 'WwftReviewRecorded',
      data: {
        clientId,
        reviewedOn,
        riskClass,
        ...(riskMotivation ? { riskMotivation } : {}),
        ...(notes ? { notes } : {}),
        nextReviewDate: nextReviewDate(reviewedOn, riskClass, context.reviewPolicy),
      },
    },
  ];
}
