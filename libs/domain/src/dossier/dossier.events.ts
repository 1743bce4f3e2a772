import type { DomainEvent } from '../shared/domain-event';
import type { DossierDocument, Engagement } from './dossier.model';

/** On the client's stream, like everything in the dossier, so the acceptance gates see it at one version. */
export type EngagementRecorded = DomainEvent<
  'EngagementRecorded',
  { clientId: string; engagementId: string; engagement: Engagement }
>;
export type DossierDocumentAttached = DomainEvent<
  'DossierDocumentAttached',
  { clientId: string; documentId: string; document: DossierDocument }
>;

export type DossierEvent = EngagementRecorded | DossierDocumentAttached;
