import type { ClientDetails } from '../client/client-details';
import { isHeldByPackages } from '../client/client-status';
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
 * will not come back (domain.md, invoice-to).
 */
export class InvoiceTargetStillNeeded extends DomainError {
  constructor(target: RegisteredClient, dependants: readonly InvoicingDependant[]) {
    const named = dependants.map(({ client, package: name }) => `${client.clientNumber} (${client.status}) invoices to it in ${name}`);
    super(
      'invoice-to.target-still-needed',
      'rule',
      `client ${target.clientNumber} must stay linked there with a debtor number: ${named.join('; ')}; ` +
        'give those clients another invoice-to client first',
      {
        clientId: target.id,
        invoicedBy: dependants.map(({ client, package: name }) => ({ clientId: client.id, clientNumber: client.clientNumber, package: name })),
      },
    );
  }
}

/**
 * The clients the packages hold whose invoice-to need the changed card of their invoice-to client
 * would leave unmet, where the card before it met it. The same rule the step to Klant checks
 * (packageReadiness), seen from the invoice-to client's side.
 */
export function dependantsLosingTheirTarget(
  target: RegisteredClient,
  after: ClientDetails,
  invoicing: readonly RegisteredClient[],
): InvoicingDependant[] {
  const unmetFor = (client: RegisteredClient, card: ClientDetails): PackageName[] =>
    unmetNeeds(client.kind, client.details, { invoiceTo: asInvoiceTarget(target, card) })
      .filter((need) => need.field === 'invoiceTo')
      .map((need) => need.package);
  return invoicing
    .filter((client) => isHeldByPackages(client.status))
    .flatMap((client) => {
      const before = new Set(unmetFor(client, target.details));
      return unmetFor(client, after)
        .filter((name) => !before.has(name))
        .map((name) => ({ client, package: name }));
    });
}
