import type { ClientPush } from '../../model/client-push';
import { parentElement, textElement } from './twinfield-xml';

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
  return parentElement(
    'dimensions',
    customers.map(({ client, code }) => dimensionOf(client, office, code)),
  );
}

function dimensionOf(client: ClientPush, office: string, code: string): string {
  const address = client.address;
  const street = [address.street, address.houseNumber, address.houseNumberAddition].filter(Boolean).join(' ');
  const iban = client.company?.iban;
  return parentElement(
    'dimension',
    [
      textElement('office', office),
      textElement('type', 'DEB'),
      textElement('code', code),
      textElement('name', client.name),
      textElement('shortname', client.searchName),
      parentElement('addresses', [
        parentElement(
          'address',
          [
            textElement('name', client.name),
            textElement('country', address.country),
            textElement('city', address.city),
            textElement('postcode', address.postcode),
            textElement('email', client.email),
            textElement('field2', street),
            // Twinfield keeps VAT and chamber-of-commerce numbers on the address (field4, field5).
            textElement('field4', client.company?.vatId),
            textElement('field5', client.company?.kvkNumber),
          ],
          { type: 'invoice', default: 'true' },
        ),
      ]),
      iban
        ? parentElement(
            'banks',
            [
              parentElement(
                'bank',
                [textElement('ascription', client.name), textElement('iban', iban), textElement('country', iban.slice(0, 2).toUpperCase())],
                { default: 'true' },
              ),
            ],
          )
        : '',
    ],
    { status: client.status === 'Geen klant meer' ? 'hide' : 'active' },
  );
}
