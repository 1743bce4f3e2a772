import type { ClientState } from '../client/client.state';
import { deepEqual } from '../shared/deep-equal';
import type { PersonName } from '../shared/person-name';
import type { ContactPrivateDataSynced, SyncCause } from './contact.events';
import type { PrivateData } from './contact.model';
import type { ContactState } from './contact.state';
import { contactEmail } from './validate-contact';

const PRIVATE_FIELDS = ['address', 'email', 'mobile'] as const;

/** What a main hands down to its linked contacts: name and private data (koppelen aan hoofdpersoon). */
export interface MainPrivateData {
  name: PersonName;
  private: PrivateData;
}

/** A person client's own data as a main: its name, home address and private e-mail (it keeps no mobile). */
export function privateDataOfPersonClient(client: ClientState): MainPrivateData | undefined {
  if (!client.exists || client.kind !== 'person' || !client.details.person) return undefined;
  const { initials, firstNames, prefix, surname } = client.details.person;
  return {
    name: stripUndefined({ initials, firstNames, prefix, surname }),
    // In the contact's own form: a copy that differs from it only in case would count as a change
    // of private data whenever the contact itself is edited, which a linked contact may not make.
    private: stripUndefined({ address: client.details.address, email: client.details.email === undefined ? undefined : contactEmail(client.details.email) }),
  };
}

export function privateDataOfContact(contact: ContactState): MainPrivateData | undefined {
  return contact.exists ? { name: contact.data.name, private: contact.data.private } : undefined;
}

/**
 * The event that brings a linked contact in line with its main, or nothing when it already is.
 * A field the main has is handed down; one the main had `before` this change and has no more is
 * cleared in the contact too; any other field (one the main never had, or does not keep: a person
 * client has no private mobile) keeps the contact's value, so linking never erases what a contact
 * had.
 */
export function syncPrivateData(
  contact: ContactState,
  main: MainPrivateData,
  cause: SyncCause,
  before?: MainPrivateData,
): ContactPrivateDataSynced[] {
  if (!contact.exists) return [];
  const name = main.name;
  const cleared = PRIVATE_FIELDS.filter((field) => main.private[field] === undefined && before?.private[field] !== undefined);
  const handedDown = { ...main.private, ...Object.fromEntries(cleared.map((field) => [field, undefined])) };
  const privateData: PrivateData = stripUndefined({ ...contact.data.private, ...handedDown });
  const changedFields = [
    ...(['initials', 'firstNames', 'prefix', 'surname'] as const)
      .filter((field) => (contact.data.name[field] ?? undefined) !== (name[field] ?? undefined))
      .map((field) => `name.${field}`),
    ...PRIVATE_FIELDS.filter((field) => !deepEqual(contact.data.private[field], privateData[field])).map(
      (field) => `private.${field}`,
    ),
  ];
  if (changedFields.length === 0) return [];
  return [
    {
      type: 'ContactPrivateDataSynced',
      data: { contactId: contact.id, clientId: contact.clientId, name, private: privateData, changedFields, cause },
    },
  ];
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A person client's card changed (from `before`): every contact linked to it follows, each with the client as cause. */
export function syncContactsOfPersonClient(
  client: ClientState,
  linked: readonly ContactState[],
  before: ClientState,
): ContactPrivateDataSynced[] {
  const data = privateDataOfPersonClient(client);
  if (!data || !client.exists) return [];
  const cause: SyncCause = { mainKey: `client:${client.id}`, reason: 'main-changed' };
  const previous = privateDataOfPersonClient(before);
  return linked.flatMap((contact) => syncPrivateData(contact, data, cause, previous));
}
