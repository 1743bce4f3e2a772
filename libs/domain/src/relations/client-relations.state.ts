import type { ClientLinkedContactAdded, ClientLinkedContactRemoved } from '../contact/contact.events';
import type { ClientRelationEvent } from './client-relations.events';

/** A client's relations, folded from its own stream beside (not inside) the client card state. */
export interface ClientRelations {
  invoiceToId?: string;
  invoicedByIds: string[];
  correspondenceCompanyId?: string;
  partnerId?: string;
  /** Contacts linked to this person client as their main. */
  linkedContactIds: string[];
}

export const initialClientRelations: ClientRelations = { invoicedByIds: [], linkedContactIds: [] };

type Event = ClientRelationEvent | ClientLinkedContactAdded | ClientLinkedContactRemoved;

const add = (list: string[], id: string) => (list.includes(id) ? list : [...list, id]);
const drop = (list: string[], id: string) => list.filter((item) => item !== id);

export function evolveClientRelations(state: ClientRelations, event: Event): ClientRelations {
  switch (event.type) {
    case 'InvoiceToSet':
      return { ...state, invoiceToId: event.data.invoiceToId };
    case 'InvoiceToCleared':
      return { ...state, invoiceToId: undefined };
    case 'InvoicingClientAdded':
      return { ...state, invoicedByIds: add(state.invoicedByIds, event.data.fromClientId) };
    case 'InvoicingClientRemoved':
      return { ...state, invoicedByIds: drop(state.invoicedByIds, event.data.fromClientId) };
    case 'CorrespondenceCompanySet':
      return { ...state, correspondenceCompanyId: event.data.companyId };
    case 'CorrespondenceCompanyCleared':
      return { ...state, correspondenceCompanyId: undefined };
    case 'PartnerLinked':
      return { ...state, partnerId: event.data.partnerId };
    case 'PartnerUnlinked':
      return { ...state, partnerId: undefined };
    case 'ClientLinkedContactAdded':
      return { ...state, linkedContactIds: add(state.linkedContactIds, event.data.linkedContactId) };
    case 'ClientLinkedContactRemoved':
      return { ...state, linkedContactIds: drop(state.linkedContactIds, event.data.linkedContactId) };
    default:
      // Other events of the client's stream (its card, cluster, acceptance) are not relations.
      return state;
  }
}

export function foldClientRelations(events: readonly { type: string; data: object }[]): ClientRelations {
  return events.reduce((state, event) => evolveClientRelations(state, event as Event), initialClientRelations);
}
