import { ClientNotFound } from '../client/client.errors';
import type { InvoiceToCleared, InvoicingClientRemoved } from './client-relations.events';
import type { RelatedClient } from './related-client';
import { NoInvoiceTo } from './relations.errors';

export interface ClearInvoiceTo {
  type: 'ClearInvoiceTo';
  data: { clientId: string };
}

/** The client invoices to itself again. */
export function decideClearInvoiceTo(
  command: ClearInvoiceTo,
  client: RelatedClient,
): Array<InvoiceToCleared | InvoicingClientRemoved> {
  const { clientId } = command.data;
  if (!client.state.exists) throw new ClientNotFound(clientId);
  const invoiceToId = client.relations.invoiceToId;
  if (invoiceToId === undefined) throw new NoInvoiceTo(clientId);
  return [
    { type: 'InvoiceToCleared', data: { clientId, invoiceToId } },
    { type: 'InvoicingClientRemoved', data: { clientId: invoiceToId, fromClientId: clientId } },
  ];
}
