import type { ClientDetails } from '../client/client-details';
import { type ClientStatus, isHeldByPackages } from '../client/client-status';
import type { RegisteredClient } from '../client/client.state';
import type { PackageName } from '../client/package-name';
import { DomainError } from '../shared/domain-error';
import { asInvoiceTarget, unmetNeeds } from './package-readiness';

/** A client whose invoices go to the changed client, and the package that needs that client there. */
export interface InvoicingDependant {
  client: RegisteredClient;
  package: PackageName;
}

/**
 * The hours package links a client's invoicing agreement to its invoice-to client by that client's
 * own id there. Once the packages hold the invoicing client, its invoice-to client must stay in that
 * package with a debtor number, or the next push of the invoicing client waits for a client that
 * will not come back (docs/domain.md, invoice-to).
 */
export class InvoiceTargetStillNeeded extends DomainError {
  /** `must`: what the target must do, e.g. 'must stay linked there with a debtor number'. */
  constructor(target: RegisteredClient, dependants: readonly InvoicingDependant[], must = 'must stay linked there with a debtor number') {
    const named = dependants.map(({ client, package: name }) => `${client.clientNumber} (${client.status}) invoices to it in ${name}`);
    super(
      'invoice-to.target-still-needed',
      'rule',
      `client ${target.clientNumber} ${must}: ${named.join('; ')}; ` +
        'give those clients another invoice-to client first',
      {
        clientId: target.id,
        invoicedBy: dependants.map(({ client, package: name }) => ({ clientId: client.id, clientNumber: client.clientNumber, package: name })),
      },
    );
  }
}

/**
 * The clients the packages hold whose invoice-to need a change of their invoice-to client (its
 * card, or its status: a rejection) would leave unmet, where it was met before. The same rule the
 * step to Klant checks (packageReadiness), seen from the invoice-to client's side.
 */
export function dependantsLosingTheirTarget(
  target: RegisteredClient,
  after: { details?: ClientDetails; status?: ClientStatus },
  invoicing: readonly RegisteredClient[],
): InvoicingDependant[] {
  const unmetFor = (client: RegisteredClient, change: typeof after): PackageName[] =>
    unmetNeeds(client.kind, client.details, { invoiceTo: asInvoiceTarget(target, change) })
      .filter((need) => need.field === 'invoiceTo')
      .map((need) => need.package);
  return invoicing
    .filter((client) => isHeldByPackages(client.status))
    .flatMap((client) => {
      const before = new Set(unmetFor(client, {}));
      return unmetFor(client, after)
        .filter((name) => !before.has(name))
        .map((name) => ({ client, package: name }));
    });
}
