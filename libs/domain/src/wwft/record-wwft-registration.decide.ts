import type { ClientKind } from '../client/client-details';
import { ClientNotFound } from '../client/client.errors';
import type { ClientState } from '../client/client.state';
import { calendarDateOf } from '../shared/calendar-date';
import type { DecisionContext } from '../shared/command-metadata';
import { deepEqual } from '../shared/deep-equal';
import { ValidationFailed } from '../shared/domain-error';
import type { DossierState } from '../dossier/dossier.state';
import { clientWithOpenDossier } from '../dossier/open-dossier';
import { nextReviewDate, type ReviewPolicy } from './review-policy';
import { validateWwftRegistration } from './validate-wwft-registration';
import { UboNotAPerson } from './wwft.errors';
import type { WwftRegistrationRecorded } from './wwft.events';
import type { WwftRegistration } from './wwft-registration';

export interface RecordWwftRegistration {
  type: 'RecordWwftRegistration';
  data: { clientId: string; registration: WwftRegistration };
}

export interface WwftReviewContext extends DecisionContext {
  reviewPolicy: ReviewPolicy;
}

export interface WwftDecisionContext extends WwftReviewContext {
  /** The kind of each registered client a UBO names, looked up by the shell; absent: no such client. */
  uboClients: ReadonlyMap<string, ClientKind>;
}

/**
 * Records the registration as it now stands. The review clock starts at the first recording and
 * only a review restarts it: correcting a typo must not postpone the next review.
 */
export function decideRecordWwftRegistration(
  command: RecordWwftRegistration,
  client: ClientState,
  dossier: DossierState,
  context: WwftDecisionContext,
): WwftRegistrationRecorded[] {
  const { clientId, registration } = command.data;
  clientWithOpenDossier(clientId, client);
  const violations = validateWwftRegistration(registration, calendarDateOf(context.now));
  if (violations.length > 0) throw new ValidationFailed(violations);
  checkUboClients(registration, context.uboClients);

  const reviewedFrom = dossier.wwft?.reviewedFrom ?? calendarDateOf(context.now);
  const riskClass = registration.risk?.class;
  const next = riskClass ? nextReviewDate(reviewedFrom, riskClass, context.reviewPolicy) : undefined;
  if (dossier.wwft && deepEqual(dossier.wwft.registration, registration) && dossier.wwft.nextReviewDate === next) return [];
  return [
    {
      type: 'WwftRegistrationRecorded',
      data: { clientId, registration, reviewedFrom, ...(next ? { nextReviewDate: next } : {}) },
    },
  ];
}

/** A UBO that names a registered client names a person client (docs/domain.md: UBOs are natural persons). */
function checkUboClients(registration: WwftRegistration, kinds: ReadonlyMap<string, ClientKind>): void {
  (registration.ubos ?? []).forEach((ubo, index) => {
    if (ubo.clientId === undefined) return;
    const kind = kinds.get(ubo.clientId);
    if (kind === undefined) throw new ClientNotFound(ubo.clientId);
    if (kind !== 'person') throw new UboNotAPerson(ubo.clientId, index);
  });
}

/** The client ids a registration's UBOs name, for the shell to look up. */
export function uboClientIdsOf(registration: WwftRegistration): string[] {
  return [...new Set((registration.ubos ?? []).flatMap((ubo) => (typeof ubo.clientId === 'string' ? [ubo.clientId] : [])))];
}
