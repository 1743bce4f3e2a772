import type { ClientPush } from './client-push';
import { personalValuesOf } from './personal-values';

const address = { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' };

const push = (fields: Partial<ClientPush>): ClientPush => ({
  clientId: 'c1',
  clientNumber: '20010',
  kind: 'company',
  status: 'Klant',
  name: 'Acme B.V.',
  address,
  contacts: [],
  portalUsers: [],
  ...fields,
});

describe('the personal values a push carries', () => {
  it('given a person client, then its BSN, birth date, private e-mail and home address are personal', () => {
    const values = personalValuesOf(
      push({ kind: 'person', person: { surname: 'Vries', bsn: '628194821', dateOfBirth: '1968-04-12' }, email: 'jan@devries-prive.nl' }),
    );

    expect(values).toEqual(['628194821', '1968-04-12', 'jan@devries-prive.nl', 'Lindelaan 12', '3581 AB']);
  });

  it('given a company client, then its own card holds none, but its contacts’ e-mail and phone and its portal logins are personal', () => {
    const values = personalValuesOf(
      push({
        email: 'info@acme.nl',
        contacts: [{ contactId: 'k1', surname: 'Jansen', email: 'm.jansen@acme.nl', phone: '06-11111111', portal: true }, { contactId: 'k2', surname: 'Bakker', portal: false }],
        portalUsers: [{ mainKey: 'contact:k1', login: 'm.jansen@acme.nl', displayName: 'M. Jansen', clientNumbers: ['20010'] }],
      }),
    );

    expect(values).toEqual(['m.jansen@acme.nl', '06-11111111', 'm.jansen@acme.nl']);
  });
});
