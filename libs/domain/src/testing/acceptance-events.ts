import type { ClientApproved } from '../acceptance/acceptance.events';
import { foldAcceptance } from '../acceptance/acceptance.state';
import type { ClientFile } from '../acceptance/change-client-status.decide';
import type { ClientStatus } from '../client/client-status';
import type { ClientStatusChanged } from '../client/client.events';
import { foldClient } from '../client/client.state';
import type { DossierDocumentAttached, EngagementRecorded } from '../dossier/dossier.events';
import { foldDossier } from '../dossier/dossier.state';
import type { DomainEvent } from '../shared/domain-event';
import type { WwftRegistrationRecorded } from '../wwft/wwft.events';
import type { WwftRegistration } from '../wwft/wwft-registration';

/** Builders for the acceptance and Wwft specs. */
export const statusChanged = (
  clientId: string,
  from: ClientStatus,
  to: ClientStatus,
  extra: Partial<ClientStatusChanged['data']> = {},
): ClientStatusChanged => ({ type: 'ClientStatusChanged', data: { clientId, from, to, ...extra } });

/** The event as read back from the log, recorded at noon (UTC) on that day. */
export const recordedOn = <E extends DomainEvent>(event: E, day: string): E & { recordedAt: Date } => ({
  ...event,
  recordedAt: new Date(`${day}T12:00:00Z`),
});

export const approved = (clientId: string, approverId: string): ClientApproved => ({
  type: 'ClientApproved',
  data: { clientId, approverId },
});

export const engagementRecorded = (clientId: string, description = 'Jaarrekening', engagementId = 'e1'): EngagementRecorded => ({
  type: 'EngagementRecorded',
  data: { clientId, engagementId, engagement: { description } },
});

/** The organogram, attached to the dossier as a document: part of a complete Wwft registration. */
export const organogramAttached = (clientId: string): DossierDocumentAttached => ({
  type: 'DossierDocumentAttached',
  data: { clientId, documentId: `organogram-${clientId}`, document: { kind: 'organogram', name: 'Organogram', reference: 'dms://organogram.svg' } },
});

const screened = { result: 'no-hit' as const, checkedAt: '2026-11-02' };
const sanctions = { ...screened, lists: ['NL-terrorisme', 'EU', 'UN'] };

/** A complete registration of a company client (as the reference holding's). */
export const completeCompanyWwft = (overrides: Partial<WwftRegistration> = {}): WwftRegistration => ({
  cdd: { level: 'standard', motivation: 'Regular holding, no PEP, Dutch UBOs' },
  identification: { verifiedWith: 'KvK-uittreksel 2026-11-01' },
  representatives: [{ name: 'J.P. de Vries', authority: 'zelfstandig bevoegd bestuurder' }],
  ubos: [{ name: 'Jan Pieter de Vries', kind: 'owner', percent: 50, indirect: true, pep: screened, sanctions }],
  uboRegisterExtract: 'UBO-2026-110-H',
  purpose: 'Samenstellen jaarrekening en fiscale aangiften',
  nature: 'Doorlopende samenstel- en aangifteopdracht',
  screening: { pep: screened, sanctions },
  risk: { class: 'low', motivation: 'Known entrepreneurs, domestic activities' },
  ...overrides,
});

/** A complete registration of a person client (as DGA1's). */
export const completePersonWwft = (overrides: Partial<WwftRegistration> = {}): WwftRegistration => ({
  cdd: { level: 'standard', motivation: 'Private person, DGA of a known holding' },
  identification: {
    idDocument: { type: 'paspoort', number: 'NWR7H4K21', issuedAt: '2022-03-01', issuedPlace: 'Utrecht', expiresAt: '2032-03-01' },
    verifiedBy: 'relatiebeheer',
  },
  purpose: 'Aangifte inkomstenbelasting',
  nature: 'Jaarlijkse aangifteopdracht',
  screening: { pep: screened, sanctions },
  risk: { class: 'low', motivation: 'No PEP, domestic income' },
  ...overrides,
});

export const wwftRecorded = (
  clientId: string,
  registration: WwftRegistration,
  reviewedFrom = '2026-11-02',
  nextReviewDate: string | undefined = '2029-11-02',
): WwftRegistrationRecorded => ({
  type: 'WwftRegistrationRecorded',
  data: { clientId, registration, reviewedFrom, ...(nextReviewDate ? { nextReviewDate } : {}) },
});

/** The client, its dossier and its acceptance, folded from one stream as the handlers do. */
export function fileOf(...events: DomainEvent[]): ClientFile {
  return { client: foldClient(events), dossier: foldDossier(events), acceptance: foldAcceptance(events) };
}
