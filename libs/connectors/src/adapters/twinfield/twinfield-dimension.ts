import type { ClientPush } from '../../model/client-push';
import { twinfieldXmlBuilder } from './twinfield-xml';

/**
 * The customer (dimension type DEB) as Twinfield's ProcessXml takes it. Twinfield's key is
 * office + type + code, so sending the same code again overwrites, never duplicates.
 * The end of the relationship is `status="hide"` (an attribute on <dimension>, as Twinfield's
 * XML has it): the debtor stays for its history but is no longer offered for new entries.
 * No BSN or date of birth: Twinfield has no use for them.
 */
export function buildDimensionXml(client: ClientPush, office: string, code: string): string {
  const address = client.address;
  const street = [address.street, address.houseNumber, address.houseNumberAddition].filter(Boolean).join(' ');
  const iban = client.company?.iban;
  return twinfieldXmlBuilder.build({
    dimension: {
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
    },
  }) as string;
}

/** Reads one customer back, to tell "created" from "updated". */
export function buildDimensionReadXml(office: string, code: string): string {
  return twinfieldXmlBuilder.build({ read: { type: 'dimensions', office, dimtype: 'DEB', code } }) as string;
}
