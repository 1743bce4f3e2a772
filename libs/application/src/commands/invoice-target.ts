import { asInvoiceTarget, type ClientState, foldClientRelations, type InvoiceTarget } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import { type Loaded, loadClientState } from './relation-loaders';

/**
 * The client another client's invoices go to, as the hours package needs to know it, from the
 * events of the client's stream, with what was read of it; undefined when it invoices to itself.
 */
export async function loadInvoiceTarget(
  store: EventStore,
  clientId: string,
  events: readonly RecordedEvent[],
): Promise<{ target: InvoiceTarget; read: Loaded<ClientState> } | undefined> {
  const { invoiceToId } = foldClientRelations(events);
  if (!invoiceToId || invoiceToId === clientId) return undefined;
  const read = await loadClientState(store, invoiceToId);
  const target = read.value;
  if (!target.exists) return undefined;
  return { target: asInvoiceTarget(target), read };
}
