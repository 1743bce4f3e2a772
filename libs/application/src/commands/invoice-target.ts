import { type ClientState, foldClientRelations, type InvoiceTarget, isHeldByPackages, type ReadinessContext } from '@koppelhub/domain';
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

/**
 * What a card change of a client the packages hold is checked against besides the card (its
 * invoice-to client); nothing is read for a client the packages do not hold yet.
 */
export async function heldClientContext(
  store: EventStore,
  state: ClientState,
  events: readonly RecordedEvent[],
): Promise<ReadinessContext> {
  if (!state.exists || !isHeldByPackages(state.status)) return {};
  const invoiceTo = await loadInvoiceTarget(store, state.id, events);
  return invoiceTo ? { invoiceTo } : {};
}
