import { ClientNotFound } from '../client/client.errors';
import type { InvoiceToSet, InvoicingClientAdded, InvoicingClientRemoved } from './client-relations.events';
import type { RelatedClient } from './related-client';
import { asInvoiceTarget, unmetNeeds } from '../packages/package-readiness';
import { isHeldByPackages } from '../client/client-status';
import type { RegisteredClient } from '../client/client.state';
import { CannotRelateToItself, InvoiceTargetNotInPackage, InvoiceToChain } from './relations.errors';

export interface SetInvoiceTo {
  type: 'SetInvoiceTo';
  data: { clientId: string; invoiceToId: string };
}

/**
 * facturatie aan: decided over the client and its new target (and the old target, which loses an
 * invoicing client); each gets an event, so a concurrent change on any of them conflicts.
 */
export function decideSetInvoiceTo(
  command: SetInvoiceTo,
  client: RelatedClient,
  target: RelatedClient,
): Array<InvoiceToSet | InvoicingClientAdded | InvoicingClientRemoved> {
  const { clientId, invoiceToId } = command.data;
  if (!client.state.exists) throw new ClientNotFound(clientId);
  if (clientId === invoiceToId) throw new CannotRelateToItself('invoice-to', clientId);
  if (!target.state.exists) throw new ClientNotFound(invoiceToId);
  const previousId = client.relations.invoiceToId;
  if (previousId === invoiceToId) return [];
  const targetsTarget = target.relations.invoiceToId;
  if (targetsTarget !== undefined) {
    throw new InvoiceToChain(clientId, invoiceToId, `${invoiceToId} itself invoices to ${targetsTarget}`, targetsTarget);
  }
  const [first] = client.relations.invoicedByIds;
  if (first !== undefined) {
    throw new InvoiceToChain(clientId, invoiceToId, `${first} invoices to ${clientId}`, first);
  }
  if (isHeldByPackages(client.state.status)) assertTargetInItsPackages(client.state, target.state);
  return [
    { type: 'InvoiceToSet', data: { clientId, invoiceToId, ...(previousId ? { previousId } : {}) } },
    { type: 'InvoicingClientAdded', data: { clientId: invoiceToId, fromClientId: clientId } },
    ...(previousId
      ? [{ type: 'InvoicingClientRemoved' as const, data: { clientId: previousId, fromClientId: clientId } }]
      : []),
  ];
}

/**
 * Before Klant the acceptance checks the target (packageReadiness); a client already pushed gets
 * the same check here, or its next push would wait for a target that never arrives.
 */
function assertTargetInItsPackages(client: RegisteredClient, target: RegisteredClient): void {
  const need = unmetNeeds(client.kind, client.details, { invoiceTo: asInvoiceTarget(target) }).find((n) => n.field === 'invoiceTo');
  if (need) throw new InvoiceTargetNotInPackage(client.id, target.id, need.package, need.message);
}
