import { isRecord } from '../shared/is-record';
import { clientSubject, contactSubject } from './personal-data.subjects';

/** Where in an event's data a subject's personal fields sit, each as a path of property names. */
export interface PersonalFields {
  subject: string;
  /** The client relationship the data serves (`client:<id>`): erasing that client erases this subject. */
  scope: string;
  paths: string[][];
}

type Data = Record<string, unknown>;

function at(data: Data, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const name of path) {
    if (!isRecord(current)) return undefined;
    current = current[name];
  }
  return current;
}

/** The paths of every present field under `path` (an address: each of its parts). */
function leavesUnder(data: Data, path: string[]): string[][] {
  const value = at(data, path);
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) return [path];
  return Object.keys(value).flatMap((name) => leavesUnder(data, [...path, name]));
}

const present = (data: Data, paths: string[][]): string[][] => paths.filter((path) => at(data, path) !== undefined);

/** A contact's private address, e-mail and mobile, under `base` (the contact data, or the synced part). */
function privateDataOf(data: Data, base: string[]): string[][] {
  return [...leavesUnder(data, [...base, 'address']), ...present(data, [[...base, 'email'], [...base, 'mobile']])];
}

/**
 * The personal fields an event carries, per subject: BSN, date of birth and the private contact
 * data (home address and private e-mail of a person client; private address, e-mail and mobile of
 * a contact), plus the number of a person's ID document. Names, business e-mail and phone are not
 * among them: the hub needs them as long as it keeps the relationship at all.
 */
export function personalFieldsOf(event: { type: string; data: object }): PersonalFields[] {
  const data = event.data as Data;
  const clientId = typeof data.clientId === 'string' ? data.clientId : undefined;
  const contactId = typeof data.contactId === 'string' ? data.contactId : undefined;
  const ofClient = (paths: string[][]): PersonalFields[] =>
    clientId && paths.length > 0 ? [{ subject: clientSubject(clientId), scope: clientSubject(clientId), paths }] : [];
  const ofContact = (paths: string[][]): PersonalFields[] =>
    clientId && contactId && paths.length > 0 ? [{ subject: contactSubject(contactId), scope: clientSubject(clientId), paths }] : [];

  switch (event.type) {
    case 'ClientRegistered':
    case 'ClientDetailsChanged': {
      // Only a person's card is personal data; a company's address and e-mail are its business ones.
      if (!isRecord(at(data, ['details', 'person']))) return [];
      return ofClient([
        ...present(data, [['details', 'person', 'bsn'], ['details', 'person', 'dateOfBirth'], ['details', 'email']]),
        ...leavesUnder(data, ['details', 'address']),
      ]);
    }
    case 'WwftRegistrationRecorded':
      return ofClient(present(data, [['registration', 'identification', 'idDocument', 'number']]));
    case 'ContactRegistered':
    case 'ContactChanged':
      return ofContact(privateDataOf(data, ['contact', 'private']));
    case 'ContactPrivateDataSynced':
      return ofContact(privateDataOf(data, ['private']));
    default:
      return [];
  }
}
