import type { ClientPush, PushAddress } from './client-push';

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
  const asStored = [person?.bsn, person?.dateOfBirth, email, homeStreet, address.postcode];
  // A package's validation message quotes a single field, often reformatted: each in the forms it may take.
  const forms = [...dateForms(person?.dateOfBirth), ...addressParts(address), ...postcodeForms(address.postcode)];
  return [...asStored, ...forms.filter((form) => !asStored.includes(form))];
}

/** 1968-04-02 as packages write it back: 02-04-1968, 2-4-1968, 02/04/1968, 02.04.1968, 19680402, 02041968. */
function dateForms(isoDate: string | undefined): string[] {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate?.trim() ?? '');
  if (!parts) return [];
  const [, year = '', month = '', day = ''] = parts;
  const [d, m] = [String(Number(day)), String(Number(month))];
  const forms = [`${year}${month}${day}`, `${day}${month}${year}`];
  for (const separator of ['-', '/', '.']) forms.push([day, month, year].join(separator), [d, m, year].join(separator));
  return unique(forms);
}

/**
 * Street and city on their own, and the house number with its addition ("12a", "12 a", "12-a"),
 * alone and after the street. A bare number ("12") is never a value of its own: it would strike
 * unrelated numbers; it goes only with the street ("Lindelaan 12").
 */
function addressParts({ street, houseNumber, houseNumberAddition, city }: PushAddress): string[] {
  const number = houseNumber?.trim() ?? '';
  const addition = houseNumberAddition?.trim().replace(/^[-\s]+/, '') ?? '';
  const numbers = addition && number ? [`${number}${addition}`, `${number} ${addition}`, `${number}-${addition}`] : [];
  // A number stored with its addition in it ("12a") says enough alone.
  if (!addition && /\D/.test(number)) numbers.push(number);
  const streetName = street?.trim() ?? '';
  const withStreet = streetName && number ? numbers.map((form) => `${streetName} ${form}`) : [];
  return unique([...withStreet, streetName, ...numbers, city?.trim() ?? ''].filter((value) => value !== ''));
}

/** A Dutch postcode with and without its space ("3581 AB", "3581AB"); redact ignores case. */
function postcodeForms(postcode: string | undefined): string[] {
  const compact = postcode?.replace(/\s+/g, '') ?? '';
  if (/^\d{4}[a-z]{2}$/i.test(compact)) return [compact, `${compact.slice(0, 4)} ${compact.slice(4)}`];
  return compact ? [compact] : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
