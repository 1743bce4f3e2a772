import type { ClientKind, ClientDetails } from '../client/client-details';
import { DomainError } from '../shared/domain-error';
import { type ReadinessContext, type UnmetPackageNeed, unmetNeeds } from './package-readiness';

/**
 * The packages hold a client from Klant on, keyed on what the step to Klant made sure of (a debtor
 * number, an RSIN or BSN, the invoice-to client there too). A later change to the card must not take
 * that away, nor switch on a package without it: the package would go on holding the client as last
 * pushed, or never get it, and nobody would be told. Needs the card already lacked are not this
 * change's doing and do not stand in its way.
 */
export class HeldClientPackageNeedsUnmet extends DomainError {
  constructor(clientId: string, clientNumber: string, status: string, unmet: readonly UnmetPackageNeed[]) {
    super(
      'client.package-needs-unmet',
      'rule',
      `client ${clientNumber} is ${status}, so its packages hold it: ${unmet.map((need) => need.message).join('; ')}`,
      { clientId, clientStatus: status, missing: unmet.map(({ package: name, field, message }) => ({ package: name, field, message })) },
    );
  }
}

/** What the new card lacks for its switched-on packages that the card before it did not. */
export function needsIntroduced(
  kind: ClientKind,
  before: ClientDetails,
  after: ClientDetails,
  context: ReadinessContext = {},
): UnmetPackageNeed[] {
  const keyOf = (need: UnmetPackageNeed) => `${need.package} ${need.field}`;
  const already = new Set(unmetNeeds(kind, before, context).map(keyOf));
  return unmetNeeds(kind, after, context).filter((need) => !already.has(keyOf(need)));
}
