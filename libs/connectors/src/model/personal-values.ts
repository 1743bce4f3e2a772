import type { ClientPush } from './client-push';

/**
 * The personal values a push carries: what must not reach the hub's failed list or its logs when
 * a package echoes them back in an error message. A person client's BSN, birth date, private
 * e-mail and home address; and for every client, its contacts' e-mail addresses and phone numbers
 * and its portal users' logins.
 */
export function personalValuesOf(push: ClientPush): string[] {
  const ofContacts = push.contacts.flatMap((contact) => [contact.email, contact.phone]);
  const logins = push.portalUsers.map((user) => user.login);
  const ofPerson = push.kind === 'person' ? personalValuesOfPerson(push) : [];
  return [...ofPerson, ...ofContacts, ...logins].filter((value): value is string => typeof value === 'string' && value.trim() !== '');
}

function personalValuesOfPerson({ person, address, email }: ClientPush): Array<string | undefined> {
  const homeStreet = [address.street, address.houseNumber].filter(Boolean).join(' ');
  return [person?.bsn, person?.dateOfBirth, email, homeStreet, address.postcode];
}
