import { ValidationFailed } from '../shared/domain-error';
import { isCalendarDate } from '../shared/calendar-date';
import type { ClientState } from '../client/client.state';
import type { EngagementRecorded } from './dossier.events';
import type { Engagement } from './dossier.model';
import type { DossierState } from './dossier.state';
import { clientWithOpenDossier } from './open-dossier';

export interface RecordEngagement {
  type: 'RecordEngagement';
  /** `engagementId` derives from the command id, so a resent command records nothing new. */
  data: { clientId: string; engagementId: string; engagement: Engagement };
}

export function decideRecordEngagement(
  command: RecordEngagement,
  client: ClientState,
  dossier: DossierState,
): EngagementRecorded[] {
  const { clientId, engagementId, engagement } = command.data;
  clientWithOpenDossier(clientId, client);
  if (!engagement.description?.trim()) {
    throw new ValidationFailed([{ field: 'description', message: 'an engagement needs a description' }]);
  }
  if (engagement.startDate !== undefined && !isCalendarDate(engagement.startDate)) {
    throw new ValidationFailed([{ field: 'startDate', message: 'startDate must be a date as YYYY-MM-DD' }]);
  }
  if (dossier.engagements.some((existing) => existing.id === engagementId)) return [];
  return [{ type: 'EngagementRecorded', data: { clientId, engagementId, engagement } }];
}
