import type { ClientStatus } from '../client/client-status';
import type { PackageName } from '../client/package-name';

/**
 * The statuses in which a package takes a client it does not hold yet: docs/domain.md's connector table,
 * "Pushed when". Nextens and QicsMilestones take a client that has ended (Nextens files it as
 * ended, QicsMilestones holds it inactive). The portals and Twinfield take a Klant only: on
 * Geen klant meer they hide, revoke or delete a client they hold, and a client that ended before
 * they held it has nothing there to end; pushing it would create a record just to end it.
 */
const TAKES_A_NEW_CLIENT_IN: Readonly<Record<PackageName, ReadonlySet<ClientStatus>>> = {
  pinkweb: new Set(['Klant']),
  casewarecloud: new Set(['Klant']),
  nextens: new Set(['Klant', 'Geen klant meer']),
  qicsmilestones: new Set(['Klant', 'Geen klant meer']),
  twinfield: new Set(['Klant']),
};

export const takesANewClientIn = (pkg: PackageName, status: ClientStatus): boolean => TAKES_A_NEW_CLIENT_IN[pkg].has(status);
