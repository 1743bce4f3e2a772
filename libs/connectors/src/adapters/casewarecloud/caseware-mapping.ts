import type { ClientPush, PushContact } from '../../model/client-push';
import type { CasewareEntityWrite, CasewarePersonWrite } from './caseware.resources';

export function toCasewareEntity(client: ClientPush): CasewareEntityWrite {
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
export function toCasewarePerson(contact: PushContact & { email: string }): CasewarePersonWrite {
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
