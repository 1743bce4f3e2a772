import type { ReviewPolicy } from '@koppelhub/domain';
import type { Settings } from './settings';

export function reviewPolicyOf(settings: Settings): ReviewPolicy {
  return {
    high: settings.WWFT_REVIEW_YEARS_HIGH,
    medium: settings.WWFT_REVIEW_YEARS_MEDIUM,
    low: settings.WWFT_REVIEW_YEARS_LOW,
  };
}
