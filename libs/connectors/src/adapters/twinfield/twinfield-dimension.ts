import type { ClientPush } from '../../model/client-push';
import { parentElement, textElement } from './twinfield-xml';

/** Twinfield's fair-use rules advise at most 25 children per parent element. */
export const MAX_DIMENSIONS_PER_REQUEST = 25;

/**
 * A customer (dimension type DEB) as Twinfield is sent it, but for the office: what the adapter
 * writes (buildDimensionsXml reads nothing else), and what the hub hashes to tell whether Twinfield
 * needs a push at all (see packageView), so the two cannot drift apart. No client number (Twinfield
 * keys on the debtor number), no legal form, no BSN or date of birth: Twinfield has no use for them.
 */
export interface TwinfieldCustomer {
  /** The debtor number, Twinfield's key; absent when the client has none (the adapter refuses it). */
  code?: string;
  name: string;
  shortname?: string;
  address: {
    country: string;
    city: string;
    postcode: string;
    email?: string;
    /** Street, house number and addition. */
    field2: string;
    /** VAT number (Twinfield keeps it on the address). */
    field4?: string;
    /** Chamber-of-commerce number. */
    field5?: string;
  };
  bank?: { iban: string; country: string };
  /** `hide` ends the relationship: the debtor stays for its history but is not offered for new entries. */
  status: 'active' | 'hide';
}

/** The code Twinfield files the client under: its debtor number. */
export function twinfieldCode(client: ClientPush): string | undefined {
  return client.debtorNumber?.trim() || undefined;
}

/** The customer the client makes under `code` (default: its own debtor number). */
export function toTwinfieldCustomer(client: ClientPush, code: string | undefined = twinfieldCode(client)): TwinfieldCustomer {
  const address = client.address;
  const iban = client.company?.iban;
  return {
    code,
    name: client.name,
    shortname: client.searchName,
    address: {
      country: address.country,
      city: address.city,
      postcode: address.postcode,
      email: client.email,
      field2: [address.street, address.houseNumber, address.houseNumberAddition].filter(Boolean).join(' '),
      field4: client.company?.vatId,
      field5: client.company?.kvkNumber,
    },
    ...(iban ? { bank: { iban, country: iban.slice(0, 2).toUpperCase() } } : {}),
    status: client.status === 'Geen klant meer' ? 'hide' : 'active',
  };
}

/**
 * Customers as Twinfield's ProcessXml takes them: several in one request, enclosed in
 * <dimensions>, each answered in turn. Twinfield's key is office + type + code, so sending the same
 * code again overwrites, never duplicates. The end of the relationship is `status="hide"` (an
 * attribute on <dimension>, as Twinfield's XML has it).
 */
export function buildDimensionsXml(customers: Array<{ client: ClientPush; code: string }>, office: string): string {
  return parentElement(
    'dimensions',
    customers.map(({ client, code }) => dimensionOf(toTwinfieldCustomer(client, code), office)),
  );
}

function dimensionOf(customer: TwinfieldCustomer, office: string): string {
  const { address, bank } = customer;
  return parentElement(
    'dimension',
    [
      textElement('office', office),
      textElement('type', 'DEB'),
      textElement('code', customer.code),
      textElement('name', customer.name),
      textElement('shortname', customer.shortname),
      parentElement('addresses', [
        parentElement(
          'address',
          [
            textElement('name', customer.name),
            textElement('country', address.country),
            textElement('city', address.city),
            textElement('postcode', address.postcode),
            textElement('email', address.email),
            textElement('field2', address.field2),
            // Twinfield keeps VAT and chamber-of-commerce numbers on the address (field4, field5).
            textElement('field4', address.field4),
            textElement('field5', address.field5),
          ],
          { type: 'invoice', default: 'true' },
        ),
      ]),
      bank
        ? parentElement(
            'banks',
            [
              parentElement(
                'bank',
                [textElement('ascription', customer.name), textElement('iban', bank.iban), textElement('country', bank.country)],
                { default: 'true' },
              ),
            ],
          )
        : '',
    ],
    { status: customer.status },
  );
}
