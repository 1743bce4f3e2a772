import { calendarDateOf } from '../shared/calendar-date';
import type { DecisionContext } from '../shared/command-metadata';
import { DomainError } from '../shared/domain-error';
import { HeldClientPackageNeedsUnmet, needsIntroduced } from '../packages/held-client-needs';
import { dependantsLosingTheirTarget, InvoiceTargetStillNeeded } from '../packages/invoice-target-needs';
import type { ReadinessContext } from '../packages/package-readiness';
import type { RegisteredClient } from './client.state';
import { isHeldByPackages } from './client-status';
import type { ClientDetails } from './client-details';
import { ClientNotFound, InvalidClientDetails } from './client.errors';
import type { ClientDetailsChanged } from './client.events';
import type { ClientState } from './client.state';
import { normalizeClientDetails } from './validate-client-details';
import { deepEqual } from '../shared/deep-equal';
import { applyMergePatch, type MergePatch } from '../shared/merge-patch';

/** A card change as JSON Merge Patch: the fields sent, nested parts merged, `null` clearing a field. */
export type ClientDetailsPatch = MergePatch<ClientDetails> & { clientNumber?: string };

/** What a card change is checked against beyond the card: the day, and the clients it invoices to and from. */
export interface CardChangeContext extends ReadinessContext, DecisionContext {
  /** The clients whose invoices go to this one (their invoice-to need may rest on this card). */
  invoicedBy?: readonly RegisteredClient[];
}

export interface ChangeClientDetails {
  type: 'ChangeClientDetails';
  data: { clientId: string; patch: ClientDetailsPatch };
}

export class ClientNumberImmutable extends DomainError {
  constructor(current: string, requested: string) {
    super(
      'client.client-number-immutable',
      'rule',
      `client number ${current} cannot be changed to ${requested} by an edit: packages key on it; renumber the client instead`,
      { current, requested },
    );
  }
}

/**
 * Changes the card; the result is the whole new card plus which top-level parts changed. A client
 * the packages hold (Klant, Geen klant meer) keeps what its switched-on packages need, its
 * invoice-to client (`context.invoiceTo`) included; and a client other clients the packages hold
 * invoice to stays where their hours package needs it (`context.invoicedBy`).
 */
export function decideChangeClientDetails(
  command: ChangeClientDetails,
  state: ClientState,
  context: CardChangeContext,
): ClientDetailsChanged[] {
  const { clientId, patch } = command.data;
  if (!state.exists) throw new ClientNotFound(clientId);
  const { clientNumber, ...changes } = patch;
  if (clientNumber !== undefined && clientNumber !== state.clientNumber) {
    throw new ClientNumberImmutable(state.clientNumber, clientNumber);
  }

  // A required field cleared with null is caught by the card's own checks, naming the field.
  const merged = applyMergePatch(state.details, changes);
  const { details, violations } = normalizeClientDetails(state.kind, merged, calendarDateOf(context.now));
  if (violations.length > 0) throw new InvalidClientDetails(violations);

  // Over the keys of both cards: a part cleared with null is a change too.
  const keys = new Set([...Object.keys(state.details), ...Object.keys(details)] as (keyof ClientDetails)[]);
  const changedFields = [...keys].filter((key) => !deepEqual(details[key], state.details[key]));
  if (changedFields.length === 0) return [];
  if (isHeldByPackages(state.status)) {
    const unmet = needsIntroduced(state.kind, state.details, details, context);
    if (unmet.length > 0) throw new HeldClientPackageNeedsUnmet(clientId, state.clientNumber, state.status, unmet);
  }
  const dependants = dependantsLosingTheirTarget(state, { details }, context.invoicedBy ?? []);
  if (dependants.length > 0) throw new InvoiceTargetStillNeeded(state, dependants);
  return [{ type: 'ClientDetailsChanged', data: { clientId, details, changedFields } }];
}
