import { ClientNotFound } from '../client/client.errors';
import { ValidationFailed } from '../shared/domain-error';
import type { ClientState } from '../client/client.state';
import type { ContactRegistered } from './contact.events';
import type { ContactData } from './contact.model';
import type { ContactState } from './contact.state';
import { ContactAlreadyRegistered } from './contact.errors';
import { normalizeContact } from './validate-contact';

export interface RegisterContact {
  type: 'RegisterContact';
  data: { contactId: string; clientId: string; contact: ContactData };
}

/**
 * Registers a contact at a client. Linking it to a main (when the form names one) is a separate
 * decision the handler takes right after, in the same append, so both follow the same rules.
 */
export function decideRegisterContact(command: RegisterContact, client: ClientState, existing: ContactState): ContactRegistered[] {
  const { contactId, clientId } = command.data;
  if (existing.exists || existing.removed) throw new ContactAlreadyRegistered(contactId);
  if (!client.exists) throw new ClientNotFound(clientId);
  const { contact, violations } = normalizeContact(command.data.contact);
  if (violations.length > 0) throw new ValidationFailed(violations);
  return [{ type: 'ContactRegistered', data: { contactId, clientId, contact } }];
}
