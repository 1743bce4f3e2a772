import { foldClientRelations, type InvoiceTarget } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import { loadClientState } from './relation-loaders';

/**
 * The client another client's invoices go to, as the hours package needs to know it, from the
 * events of the client's stream; undefined when it invoices to itself.
 */
export async function loadInvoiceTarget(
  store: EventStore,
  clientId: string,
  events: readonly RecordedEvent[],
): Promise<InvoiceTarget | undefined> {
  const { invoiceToId } = foldClientRelations(events);
  if (!invoiceToId || invoiceToId === clientId) return undefined;
  const target = (await loadClientState(store, invoiceToId)).value;
  if (!target.exists) return undefined;
  const { packages, debtorNumber } = target.details;
  return { clientNumber: target.clientNumber, packages, ...(debtorNumber ? { debtorNumber } : {}) };
}
