import type { ClientPush } from '../../model/client-push';
import { twinfieldXmlBuilder } from './twinfield-xml';

/** Twinfield's fair-use rules advise at most 25 children per parent element. */
export const MAX_DIMENSIONS_PER_REQUEST = 25;

/**
 * Customers (dimension type DEB) as Twinfield's ProcessXml takes them: several in one request,
 * enclosed in <dimensions>, each answered in turn. Twinfield's key is office + type + code, so
 * sending the same code again overwrites, never duplicates. The end of the relationship is
 * `status="hide"` (an attribute on <dimension>, as Twinfield's XML has it): the debtor stays for
 * its history but is no longer offered for new entries. No BSN or date of birth: Twinfield has no
 * use for them.
 */
export function buildDimensionsXml(customers: Array<{ client: ClientPush; code: string }>, office: string): string {
  return twinfieldXmlBuilder.build({
    dimensions: { dimension: customers.map(({ client, code }) => dimensionOf(client, office, code)) },
  }) as string;
}

function dimensionOf(client: ClientPush, office: string, code: string): Record<string, unknown> {
  const address = client.address;
  const street = [address.street, address.houseNumber, address.houseNumberAddition].filter(Boolean).join(' ');
  const iban = client.company?.iban;
  return {
    '@_status': client.status === 'Geen klant meer' ? 'hide' : 'active',
    office,
    type: 'DEB',
    code,
    name: client.name,
    shortname: client.searchName,
    addresses: {
      address: {
        '@_type': 'invoice',
        '@_default': 'true',
        name: client.name,
        country: address.country,
        city: address.city,
        postcode: address.postcode,
        email: client.email,
        field2: street,
        // Twinfield keeps VAT and chamber-of-commerce numbers on the address (field4, field5).
        field4: client.company?.vatId,
        field5: client.company?.kvkNumber,
      },
    },
    banks: iban
      ? { bank: { '@_default': 'true', ascription: client.name, iban, country: iban.slice(0, 2).toUpperCase() } }
      : undefined,
  };
}
