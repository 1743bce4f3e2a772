import type { ClientLinkedContactRemoved, ContactUnlinkedFromMain, LinkedContactRemoved } from './contact.events';
import { ContactNotFound, NotLinked } from './contact.errors';
import type { ContactState } from './contact.state';

export interface UnlinkContactFromMain {
  type: 'UnlinkContactFromMain';
  data: { contactId: string };
}

/** The contact keeps the data it had; from now on it is its own portal user. */
export function decideUnlinkContactFromMain(
  command: UnlinkContactFromMain,
  contact: ContactState,
): Array<ContactUnlinkedFromMain | LinkedContactRemoved | ClientLinkedContactRemoved> {
  const { contactId } = command.data;
  if (!contact.exists) throw new ContactNotFound(contactId);
  if (!contact.main) throw new NotLinked(contactId);
  const main = contact.main;
  return [
    { type: 'ContactUnlinkedFromMain', data: { contactId, clientId: contact.clientId, main } },
    main.kind === 'client'
      ? { type: 'ClientLinkedContactRemoved', data: { clientId: main.id, linkedContactId: contactId } }
      : { type: 'LinkedContactRemoved', data: { contactId: main.id, linkedContactId: contactId } },
  ];
}
