import type { ClientDetails, ClientKind } from '../client/client-details';
import type { ClientStatus } from '../client/client-status';
import type { PackageName } from '../client/package-name';
import type { PortalProblem, PortalUser } from '../portal/portal-users';

export interface PackageNeed {
  field: string;
  message: string;
}

export interface PackageReadiness {
  package: PackageName;
  ready: boolean;
  missing: PackageNeed[];
}

export interface Readiness {
  ready: boolean;
  packages: PackageReadiness[];
  portal: { users: string[]; problems: PortalProblem[] };
}

const PORTAL_PACKAGES: ReadonlySet<PackageName> = new Set(['pinkweb', 'casewarecloud']);

/**
 * The debtor number becomes the code of the customer dimension in Twinfield, which takes at most
 * 16 letters and digits; the hub's own rule (20 letters, digits or dashes) allows more.
 */
const TWINFIELD_CODE = /^[A-Za-z0-9]{1,16}$/;

/** The client the invoices go to (another one), as far as the hours package cares. */
export interface InvoiceTarget {
  clientNumber: string;
  packages: readonly PackageName[];
  debtorNumber?: string;
  /** Afgewezen is the end of a client never accepted: it will not reach any package. */
  status?: ClientStatus;
}

/**
 * A client as another client's invoice-to client, with its card and status as they are (or as a
 * change would leave them).
 */
export function asInvoiceTarget(
  client: { clientNumber: string; details: ClientDetails; status?: ClientStatus },
  change: { details?: ClientDetails; status?: ClientStatus } = {},
): InvoiceTarget {
  const details = change.details ?? client.details;
  const status = change.status ?? client.status;
  return {
    clientNumber: client.clientNumber,
    packages: details.packages,
    ...(details.debtorNumber ? { debtorNumber: details.debtorNumber } : {}),
    ...(status ? { status } : {}),
  };
}

/** What readiness needs to know beyond the client itself. */
export interface ReadinessContext {
  invoiceTo?: InvoiceTarget;
}

/**
 * What each switched-on package still needs before it can take the client (see docs/domain.md,
 * koppelingen). Switching on is allowed with data missing; this says what is left.
 */
export function packageReadiness(
  kind: ClientKind,
  details: ClientDetails,
  portalUsers: readonly PortalUser[],
  portalProblems: readonly PortalProblem[],
  context: ReadinessContext = {},
): Readiness {
  const packages = details.packages.map((name) => {
    const missing = needsOf(name, kind, details, portalProblems, context);
    return { package: name, ready: missing.length === 0, missing };
  });
  return {
    ready: packages.every((p) => p.ready),
    packages,
    portal: { users: portalUsers.map((u) => u.key), problems: [...portalProblems] },
  };
}

export interface UnmetPackageNeed extends PackageNeed {
  package: PackageName;
}

/** Every need of the card's switched-on packages it does not meet, portal problems aside. */
export function unmetNeeds(kind: ClientKind, details: ClientDetails, context: ReadinessContext = {}): UnmetPackageNeed[] {
  return packageReadiness(kind, details, [], [], context).packages.flatMap(({ package: name, missing }) =>
    missing.map((need) => ({ package: name, ...need })),
  );
}

function needsOf(
  name: PackageName,
  kind: ClientKind,
  details: ClientDetails,
  problems: readonly PortalProblem[],
  context: ReadinessContext,
): PackageNeed[] {
  const needs: PackageNeed[] = [];
  const need = (field: string, message: string) => needs.push({ field, message });
  switch (name) {
    case 'twinfield':
      if (!details.debtorNumber) need('debtorNumber', `${name} needs a debtor number`);
      else if (!TWINFIELD_CODE.test(details.debtorNumber)) {
        need('debtorNumber', `${name} takes a debtor number of at most 16 letters and digits (its customer code)`);
      }
      break;
    case 'qicsmilestones': {
      if (!details.debtorNumber) need('debtorNumber', `${name} needs a debtor number`);
      // The invoicing agreement links the target by its own id there: it must be there first.
      const target = context.invoiceTo;
      if (target?.status === 'Afgewezen') {
        need('invoiceTo', `${name} needs the invoice-to client ${target.clientNumber} there too, and it was rejected (Afgewezen): it never will be`);
      } else if (target && !(target.packages.includes(name) && target.debtorNumber)) {
        const why = target.packages.includes(name) ? 'has no debtor number' : `is not linked to ${name}`;
        need('invoiceTo', `${name} needs the invoice-to client ${target.clientNumber} there too, and it ${why}`);
      }
      break;
    }
    case 'nextens':
      if (kind === 'company' && !details.company?.rsin) need('company.rsin', 'nextens keys companies on their RSIN');
      if (kind === 'person' && !details.person?.bsn) need('person.bsn', 'nextens keys persons on their BSN');
      break;
    case 'casewarecloud':
      if (kind !== 'company') need('kind', 'casewarecloud takes companies only, no private persons');
      break;
    case 'pinkweb':
      break;
    default: {
      const other: never = name;
      void other;
    }
  }
  if (PORTAL_PACKAGES.has(name)) {
    // A portal user without a login, or sharing one, is among the problems (portal.missing-login, …).
    for (const problem of problems) need('portal', problem.message);
  }
  return needs;
}
