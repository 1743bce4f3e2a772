import type { ContactData, MainRef } from './contact.model';
import type { ContactEvent } from './contact.events';

export interface RegisteredContact {
  exists: true;
  id: string;
  clientId: string;
  data: ContactData;
  main?: MainRef;
  /** Contacts linked to this one as their main. */
  linkedContactIds: string[];
}

/** A removed contact is gone for every command; its stream keeps the history. */
export type ContactState = { exists: false; removed?: boolean } | RegisteredContact;

export const initialContactState: ContactState = { exists: false };

export function evolveContact(state: ContactState, event: ContactEvent): ContactState {
  if (event.type === 'ContactRegistered') {
    return { exists: true, id: event.data.contactId, clientId: event.data.clientId, data: event.data.contact, linkedContactIds: [] };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ContactChanged':
      return { ...state, data: event.data.contact };
    case 'ContactRemoved':
      return { exists: false, removed: true };
    case 'ContactLinkedToMain':
      return { ...state, main: event.data.main };
    case 'ContactUnlinkedFromMain': {
      const { main: _previous, ...rest } = state;
      void _previous;
      return rest;
    }
    case 'ContactPrivateDataSynced':
      return { ...state, data: { ...state.data, name: event.data.name, private: event.data.private } };
    case 'LinkedContactAdded':
      return state.linkedContactIds.includes(event.data.linkedContactId)
        ? state
        : { ...state, linkedContactIds: [...state.linkedContactIds, event.data.linkedContactId] };
    case 'LinkedContactRemoved':
      return { ...state, linkedContactIds: state.linkedContactIds.filter((id) => id !== event.data.linkedContactId) };
    default: {
      const other: never = event;
      void other;
      return state;
    }
  }
}

export function foldContact(events: readonly { type: string; data: object }[]): ContactState {
  return events.reduce((current, event) => evolveContact(current, event as ContactEvent), initialContactState);
}
