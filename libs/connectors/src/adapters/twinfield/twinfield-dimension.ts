import type { ClientPush } from '../../model/client-push';
import { parentElement, textElement } from './twinfield-xml';

/** Twinfield's fair-use rules advise at most 25 children per parent element. */
export const MAX_DIMENSIONS_PER_REQUEST = 25;

/**
 * A customer (dimension type DEB) as Twinfield is sent it, but for the office: what the adapter
 * writes (buildDimensionsXml reads nothing else), and what the hub hashes to tell whether Twinfield
 * needs a push at all (see packageView), so the two cannot drift apart. No client number (Twinfield
 * keys on the debtor number), no legal form, no BSN or date of birth: Twinfield has no use for them.
 * An absent field is written as an empty element (cleared in Twinfield) and the ids are fixed, so
 * this view still decides the XML alone; its shape is unchanged, so hashes already recorded hold.
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
 *
 * Twinfield updates a dimension from the elements it is sent: one left out keeps its value, one sent
 * empty is cleared. So every element the hub manages is sent, empty when the hub has no value
 * (else a value the hub removed would stay in Twinfield for good); elements the hub does not manage
 * (website, financials, other addresses' fields...) are never sent and stay Twinfield's own.
 */
export function buildDimensionsXml(customers: Array<{ client: ClientPush; code: string }>, office: string): string {
  return parentElement(
    'dimensions',
    customers.map(({ client, code }) => dimensionOf(toTwinfieldCustomer(client, code), office)),
  );
}

/**
 * The one address and the one bank the hub writes. Twinfield identifies a dimension's addresses and
 * banks by their id: without one, an update would add another rather than change the hub's.
 */
const HUB_ADDRESS_ID = '1';
const HUB_BANK_ID = '1';

/** A managed element the hub may have no value for: sent empty then, which clears it in Twinfield. */
function clearable(name: string, text: string | undefined): string {
  return textElement(name, text ?? '');
}

function dimensionOf(customer: TwinfieldCustomer, office: string): string {
  const { address, bank } = customer;
  return parentElement(
    'dimension',
    [
      textElement('office', office),
      textElement('type', 'DEB'),
      textElement('code', customer.code),
      // Required (an empty one is refused), so sent as it is.
      textElement('name', customer.name),
      clearable('shortname', customer.shortname),
      parentElement('addresses', [
        parentElement(
          'address',
          [
            textElement('name', customer.name),
            // Country, city, postcode and street (field2) are never absent in the hub: sent as they are.
            textElement('country', address.country),
            textElement('city', address.city),
            textElement('postcode', address.postcode),
            clearable('email', address.email),
            textElement('field2', address.field2),
            // Twinfield keeps VAT and chamber-of-commerce numbers on the address (field4, field5).
            clearable('field4', address.field4),
            clearable('field5', address.field5),
          ],
          { id: HUB_ADDRESS_ID, type: 'invoice', default: 'true' },
        ),
      ]),
      // Without an IBAN no bank is sent: an emptied bank line is no valid bank account, and a
      // customer that never had one would get an empty line. So an IBAN removed in the hub stays in
      // Twinfield until the bookkeeper removes it there.
      bank
        ? parentElement('banks', [
            parentElement(
              'bank',
              [textElement('ascription', customer.name), textElement('iban', bank.iban), textElement('country', bank.country)],
              { id: HUB_BANK_ID, default: 'true' },
            ),
          ])
        : '',
    ],
    { status: customer.status },
  );
}
