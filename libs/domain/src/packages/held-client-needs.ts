import type { ClientKind, ClientDetails } from '../client/client-details';
import type { PackageName } from '../client/package-name';
import { DomainError } from '../shared/domain-error';
import { type PackageNeed, packageReadiness, type ReadinessContext } from './package-readiness';

export interface UnmetPackageNeed extends PackageNeed {
  package: PackageName;
}

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
  const keyOf = (name: PackageName, need: PackageNeed) => `${name} ${need.field}`;
  const unmet = (details: ClientDetails): UnmetPackageNeed[] =>
    packageReadiness(kind, details, [], [], context).packages.flatMap(({ package: name, missing }) =>
      missing.map((need) => ({ package: name, ...need })),
    );
  const already = new Set(unmet(before).map((need) => keyOf(need.package, need)));
  return unmet(after).filter((need) => !already.has(keyOf(need.package, need)));
}
