import { ClientNotFound } from '../client/client.errors';
import type { ClientState } from '../client/client.state';
import type { ContactChanged } from '../contact/contact.events';
import { ContactNotFound } from '../contact/contact.errors';
import type { ContactState, RegisteredContact } from '../contact/contact.state';
import { DomainError } from '../shared/domain-error';

export class NoRegistrationAtClient extends DomainError {
  constructor(userKey: string, clientId: string) {
    super(
      'portal.no-registration',
      'rule',
      `portal user ${userKey} has no contact registration at client ${clientId}; register the contact there first, then switch its portal on`,
      { user: userKey, clientId },
    );
  }
}

export interface GrantPortalAccess {
  type: 'GrantPortalAccess';
  data: { contactId: string; clientId: string };
}

/**
 * A contact's portal user sees a client only through a registration at that client: access is
 * given by switching that registration's portal on, and refused where the group has none.
 * `group` is the contact's main and every contact linked to it. A client that does not exist is
 * told as such (404), not as one the group has no registration at.
 */
export function decideGrantPortalAccess(
  command: GrantPortalAccess,
  contact: ContactState,
  client: Pick<ClientState, 'exists'>,
  userKey: string,
  group: readonly ContactState[],
): ContactChanged[] {
  const { contactId, clientId } = command.data;
  if (!contact.exists) throw new ContactNotFound(contactId);
  if (!client.exists) throw new ClientNotFound(clientId);
  const registration = [contact, ...group].find(
    (member): member is RegisteredContact => member.exists && member.clientId === clientId,
  );
  if (!registration) throw new NoRegistrationAtClient(userKey, clientId);
  if (registration.data.portal) return [];
  return [
    {
      type: 'ContactChanged',
      data: {
        contactId: registration.id,
        clientId,
        contact: { ...registration.data, portal: true },
        changedFields: ['portal'],
      },
    },
  ];
}
