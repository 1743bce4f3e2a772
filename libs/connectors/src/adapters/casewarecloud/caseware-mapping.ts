import type { ClientPush, PushContact } from '../../model/client-push';
import type { CasewareEntityWrite, CasewarePersonWrite } from './caseware.resources';
import { clientNumbersOf } from '../shared/filed-under-another-number';

/**
 * What CaseWare Cloud is sent for a company: its entity, found again under one of `numbers`
 * (former ones first: a renumbered client's entity moves to its number) and, while it is Klant, its
 * contacts as persons with access. The adapter writes exactly this (only what differs from what
 * CaseWare holds), and the hub hashes it to tell whether CaseWare needs a push at all (see
 * packageView), so the two cannot drift apart. `kind`: CaseWare holds companies only, and refuses
 * anything else.
 */
export interface CasewareWrite {
  kind: ClientPush['kind'];
  numbers: string[];
  entity: CasewareEntityWrite;
  /** Absent for an ended client: its persons and access stay as they are. */
  access?: CasewareAccessWrite;
}

/** The persons a company's contacts make, and the access each gets to the entity. */
export interface CasewareAccessWrite {
  /** Each written as this person (found again by its e-mail) with this role and portal switch. */
  grants: Array<{ person: CasewarePersonWrite; role: string | null; portal: boolean }>;
  /**
   * E-mails (lower case) of contacts whose portal login is in doubt: their person is neither
   * written nor given or denied access until the doubt is resolved.
   */
  held: string[];
}

type ContactWithEmail = PushContact & { email: string };

export function toCasewareWrite(client: ClientPush): CasewareWrite {
  return {
    kind: client.kind,
    numbers: clientNumbersOf(client),
    entity: toCasewareEntity(client),
    ...(client.status === 'Klant' ? { access: toCasewareAccess(client.contacts) } : {}),
  };
}

/**
 * Contacts without an e-mail cannot be persons in CaseWare (the e-mail is its key): left out. A
 * held contact's e-mail is kept as it is, and no other registration with that e-mail writes it.
 */
export function toCasewareAccess(contacts: readonly PushContact[]): CasewareAccessWrite {
  const withEmail = contacts.filter((contact): contact is ContactWithEmail => Boolean(contact.email));
  const held = new Set(withEmail.filter((contact) => contact.portalHeld).map((contact) => contact.email.toLowerCase()));
  const grants = onePerEmail(withEmail.filter((contact) => !held.has(contact.email.toLowerCase()))).map((contact) => ({
    person: toCasewarePerson(contact),
    role: contact.role ?? null,
    portal: contact.portal,
  }));
  return { grants, held: [...held] };
}

/**
 * Two registrations with one e-mail are one person in CaseWare. It is written once, from the
 * registration with the portal (the first, if neither or both have it; its role, else the other's),
 * whatever order they come in: writing it from each in turn would send both versions on every push.
 */
function onePerEmail(contacts: ContactWithEmail[]): ContactWithEmail[] {
  const byEmail = new Map<string, ContactWithEmail>();
  for (const contact of contacts) {
    const key = contact.email.toLowerCase();
    const other = byEmail.get(key);
    if (!other) byEmail.set(key, contact);
    else if (contact.portal && !other.portal) byEmail.set(key, { ...contact, role: contact.role ?? other.role });
    else if (!other.role && contact.role) byEmail.set(key, { ...other, role: contact.role });
  }
  return [...byEmail.values()];
}

function toCasewareEntity(client: ClientPush): CasewareEntityWrite {
  const company = client.company;
  const address = client.address;
  return {
    ClientNumber: client.clientNumber,
    Name: client.name,
    EntityType: 'Company',
    LegalName: company?.statutoryName ?? null,
    TradeName: company?.tradeName ?? null,
    RegistrationNumber: company?.kvkNumber ?? null,
    TaxNumber: company?.rsin ?? null,
    VatNumber: company?.vatId ?? null,
    Email: client.email ?? null,
    Address: {
      Street: [address.street, address.houseNumber, address.houseNumberAddition].filter(Boolean).join(' '),
      PostalCode: address.postcode,
      City: address.city,
      Country: address.country,
    },
    Status: client.status === 'Klant' ? 'Active' : 'Revoked',
  };
}

/** The person for a contact; only contacts with an e-mail can be persons (it is CaseWare's key). */
function toCasewarePerson(contact: ContactWithEmail): CasewarePersonWrite {
  return {
    Email: contact.email,
    FirstName: contact.firstNames ?? contact.initials ?? null,
    LastName: [contact.prefix, contact.surname].filter(Boolean).join(' '),
    Phone: contact.phone ?? null,
  };
}

/** The fields of `desired` whose value differs from `current` (deep, by JSON), as a patch. */
export function differences<T extends object>(current: T, desired: Partial<T>): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(desired) as Array<keyof T>) {
    if (JSON.stringify(current[key] ?? null) !== JSON.stringify(desired[key] ?? null)) patch[key] = desired[key];
  }
  return patch;
}

/** Same e-mail, as CaseWare compares them: case-insensitive. */
export function sameEmail(left: string, right: string): boolean {
  return left.trim().toLowerCase() === right.trim().toLowerCase();
}
