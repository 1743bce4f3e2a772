import { deepEqual } from '../shared/deep-equal';
import { ValidationFailed } from '../shared/domain-error';
import type { ContactChanged, ContactPrivateDataSynced } from './contact.events';
import { ContactNotFound, PrivateDataFollowsMain } from './contact.errors';
import { type ContactData, mainKey } from './contact.model';
import type { ContactState } from './contact.state';
import { privateDataOfContact, syncPrivateData } from './private-data-sync';
import { normalizeContact } from './validate-contact';

export type ContactPatch = Partial<Omit<ContactData, 'name' | 'private'>> & {
  name?: Partial<ContactData['name']>;
  private?: ContactData['private'];
};

export interface ChangeContact {
  type: 'ChangeContact';
  data: { contactId: string; patch: ContactPatch };
}

const FOLLOWS_MAIN = new Set(['name', 'private']);

/**
 * Changes a contact. A linked contact's name and private data follow its main and are refused
 * here; a main's change reaches every contact linked to it (given as `linked`) in the same decision.
 */
export function decideChangeContact(
  command: ChangeContact,
  contact: ContactState,
  linked: readonly ContactState[] = [],
): Array<ContactChanged | ContactPrivateDataSynced> {
  const { contactId, patch } = command.data;
  if (!contact.exists) throw new ContactNotFound(contactId);
  const merged: ContactData = {
    ...contact.data,
    ...withoutUndefined(patch),
    name: { ...contact.data.name, ...(patch.name ?? {}) },
    // PATCH semantics one level down too: private fields not sent keep their value.
    private: { ...contact.data.private, ...withoutUndefined(patch.private ?? {}) },
  } as ContactData;
  const { contact: next, violations } = normalizeContact(merged);
  if (violations.length > 0) throw new ValidationFailed(violations);
  // Compared in the same form: a contact that followed its main before copies were stored in
  // that form holds an e-mail in capitals, which is no change of this request's making.
  const current = normalizeContact(contact.data).contact;
  const changedFields = (Object.keys(next) as (keyof ContactData)[]).filter((key) => !deepEqual(next[key], current[key]));
  if (changedFields.length === 0) return [];
  const followed = changedFields.filter((field) => FOLLOWS_MAIN.has(field));
  if (contact.main && followed.length > 0) throw new PrivateDataFollowsMain(contactId, mainKey(contact.main), followed);

  const changed: ContactChanged = {
    type: 'ContactChanged',
    data: { contactId, clientId: contact.clientId, contact: next, changedFields },
  };
  if (followed.length === 0) return [changed];
  const data = privateDataOfContact({ ...contact, data: next })!;
  const cause = { mainKey: `contact:${contactId}`, reason: 'main-changed' as const };
  const before = privateDataOfContact(contact);
  return [changed, ...linked.flatMap((other) => syncPrivateData(other, data, cause, before))];
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
