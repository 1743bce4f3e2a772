import { ClientNotFound } from '../client/client.errors';
import type {
  ClientLinkedContactAdded,
  ContactLinkedToMain,
  ContactPrivateDataSynced,
  LinkedContactAdded,
} from './contact.events';
import {
  AlreadyLinked,
  CannotLinkToItself,
  ContactIsAMain,
  ContactNotFound,
  LinkCycle,
  MainIsLinked,
  MainNotAPerson,
} from './contact.errors';
import { type MainRef, mainKey } from './contact.model';
import type { ContactState } from './contact.state';
import { type MainState, refOf } from './main-state';
import { type MainPrivateData, privateDataOfContact, privateDataOfPersonClient, syncPrivateData } from './private-data-sync';

export interface LinkContactToMain {
  type: 'LinkContactToMain';
  data: { contactId: string; main: MainRef };
}

export type LinkEvents = ContactLinkedToMain | LinkedContactAdded | ClientLinkedContactAdded | ContactPrivateDataSynced;

/**
 * koppelen aan hoofdpersoon: one level only. The main must not itself be linked, and the contact
 * must not be anyone's main. Decided over both streams: the handler appends to the contact's and
 * the main's stream at the versions read, so two links crossing each other conflict.
 */
export function decideLinkContactToMain(command: LinkContactToMain, contact: ContactState, main: MainState): LinkEvents[] {
  const { contactId } = command.data;
  if (!contact.exists) throw new ContactNotFound(contactId);
  const key = mainKey(refOf(main));
  if (contact.main) {
    if (mainKey(contact.main) === key) return [];
    throw new AlreadyLinked(contactId, mainKey(contact.main));
  }
  let data: MainPrivateData | undefined;
  let added: LinkedContactAdded | ClientLinkedContactAdded;
  if (main.kind === 'client') {
    if (!main.client.exists) throw new ClientNotFound(main.id);
    data = privateDataOfPersonClient(main.client);
    if (!data) throw new MainNotAPerson(main.id);
    added = { type: 'ClientLinkedContactAdded', data: { clientId: main.id, linkedContactId: contactId } };
  } else {
    if (main.id === contactId) throw new CannotLinkToItself(contactId);
    if (!main.contact.exists) throw new ContactNotFound(main.id);
    if (main.contact.main) {
      if (main.contact.main.kind === 'contact' && main.contact.main.id === contactId) throw new LinkCycle(contactId, main.id);
      throw new MainIsLinked(contactId, main.id, mainKey(main.contact.main));
    }
    data = privateDataOfContact(main.contact);
    added = { type: 'LinkedContactAdded', data: { contactId: main.id, linkedContactId: contactId } };
  }
  if (contact.linkedContactIds.length > 0) throw new ContactIsAMain(contactId, contact.linkedContactIds);
  return [
    { type: 'ContactLinkedToMain', data: { contactId, clientId: contact.clientId, main: refOf(main) } },
    added,
    ...(data ? syncPrivateData(contact, data, { mainKey: key, reason: 'linked-to-main' }) : []),
  ];
}
