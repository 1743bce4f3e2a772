import {
  type CardChangeContext,
  type ClientDetailsPatch,
  type ClientState,
  isHeldByPackages,
  type RegisteredClient,
} from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import { loadInvoiceTarget } from './invoice-target';
import { loadInvoicingClients, versionsOf } from './relation-loaders';

/**
 * What a card change is checked against beyond the card, and the versions of the streams read for
 * it. The moment of the decision is the command's, so the handler adds it.
 */
export interface CardChangeReads {
  context: Omit<CardChangeContext, 'now'>;
  unchanged: ReadonlyMap<string, number>;
}

/**
 * The other clients a card change of `state` is checked against: its invoice-to client once the
 * packages hold it, and, when the change touches packages or the debtor number, the clients whose
 * invoices go to it. Their versions go into the append, so a concurrent change on the other side
 * of the rule conflicts instead of slipping past it. Nothing is read when neither applies.
 */
export async function loadCardChangeReads(
  store: EventStore,
  state: ClientState,
  events: readonly RecordedEvent[],
  patch: ClientDetailsPatch,
): Promise<CardChangeReads> {
  if (!state.exists) return { context: {}, unchanged: new Map() };
  const invoiceTo = isHeldByPackages(state.status) ? await loadInvoiceTarget(store, state.id, events) : undefined;
  const movesPackages = patch.packages !== undefined || patch.debtorNumber !== undefined;
  const invoicing = movesPackages ? await loadInvoicingClients(store, events) : [];
  const invoicedBy = invoicing.map((read) => read.value).filter((client): client is RegisteredClient => client.exists);
  return {
    context: { ...(invoiceTo ? { invoiceTo: invoiceTo.target } : {}), ...(invoicedBy.length > 0 ? { invoicedBy } : {}) },
    unchanged: versionsOf(...(invoiceTo ? [invoiceTo.read] : []), ...invoicing),
  };
}
