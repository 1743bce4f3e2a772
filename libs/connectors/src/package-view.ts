import { toCasewareWrite } from './adapters/casewarecloud/caseware-mapping';
import { toNextensWrite } from './adapters/nextens/nextens-mapping';
import { toPinkwebWrite } from './adapters/pinkweb/pinkweb-mapping';
import { toQicsWrite } from './adapters/qicsmilestones/qics-customer-company';
import { toTwinfieldCustomer } from './adapters/twinfield/twinfield-dimension';
import type { ClientPush } from './model/client-push';
import type { PackageName } from './model/package-name';

/**
 * Each package's own view of a push: exactly what its adapter sends for the client (and uses to
 * find the package's record again, such as the former numbers of a renumbered client), built by the
 * very function the adapter builds its request with. Pure, and without what the hub's record adds
 * per push (the package's own ids, the key it last filed the client under): the hub hashes this
 * view to decide whether a package needs a push, so a change that leaves it as it was sends that
 * package nothing, while every change that alters it goes out.
 */
const PACKAGE_VIEWS: Readonly<Record<PackageName, (client: ClientPush) => unknown>> = {
  pinkweb: toPinkwebWrite,
  casewarecloud: toCasewareWrite,
  nextens: toNextensWrite,
  qicsmilestones: toQicsWrite,
  twinfield: (client) => toTwinfieldCustomer(client),
};

export function packageView(pkg: PackageName, client: ClientPush): unknown {
  return PACKAGE_VIEWS[pkg](client);
}
