import type { ClientDetails, ClientKind } from '../client/client-details';
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
 * What each switched-on package still needs before it can take the client (see domain.md,
 * koppelingen). Switching on is allowed with data missing; this says what is left.
 */
export function packageReadiness(
  kind: ClientKind,
  details: ClientDetails,
  portalUsers: readonly PortalUser[],
  portalProblems: readonly PortalProblem[],
): Readiness {
  const packages = details.packages.map((name) => {
    const missing = needsOf(name, kind, details, portalProblems);
    return { package: name, ready: missing.length === 0, missing };
  });
  return {
    ready: packages.every((p) => p.ready),
    packages,
    portal: { users: portalUsers.map((u) => u.key), problems: [...portalProblems] },
  };
}

function needsOf(
  name: PackageName,
  kind: ClientKind,
  details: ClientDetails,
  problems: readonly PortalProblem[],
): PackageNeed[] {
  const needs: PackageNeed[] = [];
  const need = (field: string, message: string) => needs.push({ field, message });
  switch (name) {
    case 'twinfield':
    case 'qicsmilestones':
      if (!details.debtorNumber) need('debtorNumber', `${name} needs a debtor number`);
      break;
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
