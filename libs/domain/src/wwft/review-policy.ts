import { addYears, type CalendarDate } from '../shared/calendar-date';
import type { RiskClass } from './wwft-registration';

/** Years until the next periodic review, per risk class. Configurable; comes in with the command. */
export type ReviewPolicy = Readonly<Record<RiskClass, number>>;

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { high: 1, medium: 2, low: 3 };

export function nextReviewDate(from: CalendarDate, riskClass: RiskClass, policy: ReviewPolicy): CalendarDate {
  return addYears(from, policy[riskClass]);
}
