import type { RetrySchedule } from '@koppelhub/sync';
import type { Settings } from '../settings/settings';

/**
 * The retry window the settings give: every process that queues pushes (the worker, the API that
 * re-drives them) must queue them with the same attempts, as the last is told by that count.
 */
export const syncRetryOf = (settings: Pick<Settings, 'SYNC_RETRY_HOURS'>): Partial<RetrySchedule> => ({
  windowMs: settings.SYNC_RETRY_HOURS * 3_600_000,
});
