import type { ClientLinkedContactRemoved, ContactRemoved, LinkedContactRemoved } from './contact.events';
import { ContactIsAMain, ContactNotFound } from './contact.errors';
import type { ContactState } from './contact.state';

export interface RemoveContact {
  type: 'RemoveContact';
  data: { contactId: string };
}

/** A main with linked contacts stays until they are unlinked; a linked contact leaves its main's list. */
export function decideRemoveContact(
  command: RemoveContact,
  contact: ContactState,
): Array<ContactRemoved | LinkedContactRemoved | ClientLinkedContactRemoved> {
  const { contactId } = command.data;
  if (!contact.exists) throw new ContactNotFound(contactId);
  if (contact.linkedContactIds.length > 0) throw new ContactIsAMain(contactId, contact.linkedContactIds);
  const removed: ContactRemoved = { type: 'ContactRemoved', data: { contactId, clientId: contact.clientId } };
  const main = contact.main;
  if (!main) return [removed];
  return [
    removed,
    main.kind === 'client'
      ? { type: 'ClientLinkedContactRemoved', data: { clientId: main.id, linkedContactId: contactId } }
      : { type: 'LinkedContactRemoved', data: { contactId: main.id, linkedContactId: contactId } },
  ];
}
