import { redact } from '../adapters/shared/redact';
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

    // As stored first; the other forms they may be echoed in follow (below).
    expect(values.slice(0, 5)).toEqual(['628194821', '1968-04-12', 'jan@devries-prive.nl', 'Lindelaan 12', '3581 AB']);
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

describe('a package message quoting a person’s values in another form', () => {
  const person = (address: ClientPush['address'], dateOfBirth = '1968-04-02') =>
    personalValuesOf(push({ kind: 'person', person: { surname: 'Vries', bsn: '628194821', dateOfBirth }, address }));
  const korteNieuwstraat = { street: 'Korte Nieuwstraat', houseNumber: '12', houseNumberAddition: 'a', postcode: '3581 AB', city: 'Amersfoort', country: 'NL' };

  it.each([
    ['street alone', `{"error":{"message":"street 'Korte Nieuwstraat' te lang"}}`, `{"error":{"message":"street '[redacted]' te lang"}}`],
    ['street in lower case', 'straat korte nieuwstraat onbekend', 'straat [redacted] onbekend'],
    ['city alone', 'woonplaats Amersfoort hoort niet bij 3581', 'woonplaats [redacted] hoort niet bij 3581'],
    ['number with addition, joined', 'huisnummer 12a ongeldig', 'huisnummer [redacted] ongeldig'],
    ['number with addition, spaced', 'huisnummer 12 a ongeldig', 'huisnummer [redacted] ongeldig'],
    ['number with addition, hyphened', 'huisnummer 12-A ongeldig', 'huisnummer [redacted] ongeldig'],
    ['street with number and addition', 'adres Korte Nieuwstraat 12 a bestaat niet', 'adres [redacted] bestaat niet'],
    ['street with number and addition, joined', 'adres Korte Nieuwstraat 12a bestaat niet', 'adres [redacted] bestaat niet'],
    ['postcode without its space', 'postcode 3581AB ongeldig', 'postcode [redacted] ongeldig'],
    ['postcode in lower case', 'postcode 3581ab ongeldig', 'postcode [redacted] ongeldig'],
    ['postcode as stored', 'postcode 3581 AB ongeldig', 'postcode [redacted] ongeldig'],
    ['birth date as DD-MM-YYYY', 'geboortedatum 02-04-1968', 'geboortedatum [redacted]'],
    ['birth date as DD/MM/YYYY', 'geboortedatum 02/04/1968', 'geboortedatum [redacted]'],
    ['birth date as DD.MM.YYYY', 'geboortedatum 02.04.1968', 'geboortedatum [redacted]'],
    ['birth date as D-M-YYYY', 'geboortedatum 2-4-1968', 'geboortedatum [redacted]'],
    ['birth date as D/M/YYYY', 'geboortedatum 2/4/1968', 'geboortedatum [redacted]'],
    ['birth date as YYYYMMDD', 'geboortedatum 19680402', 'geboortedatum [redacted]'],
    ['birth date as DDMMYYYY', 'geboortedatum 02041968', 'geboortedatum [redacted]'],
    ['birth date as stored', 'geboortedatum 1968-04-02', 'geboortedatum [redacted]'],
  ])('given a person client, when the message quotes the %s, then none of it remains', (_form, message, expected) => {
    expect(redact(message, person(korteNieuwstraat))).toBe(expected);
  });

  it('given a postcode stored without its space, then it is also taken out with it', () => {
    const values = person({ ...korteNieuwstraat, postcode: '3581ab' });
    expect(redact('postcode 3581 AB / 3581AB ongeldig', values)).toBe('postcode [redacted] / [redacted] ongeldig');
  });

  it('given a house number stored with its addition in it, then that is taken out alone', () => {
    const values = person({ ...korteNieuwstraat, houseNumber: '12b', houseNumberAddition: undefined });
    expect(redact('huisnummer 12b ongeldig', values)).toBe('huisnummer [redacted] ongeldig');
  });

  it('given a house number without addition, then a bare number elsewhere in the message is left alone', () => {
    const values = person({ ...korteNieuwstraat, houseNumber: '12', houseNumberAddition: undefined });
    expect(values).not.toContain('12');
    expect(redact('regel 12: Korte Nieuwstraat 12 te lang (max 12)', values)).toBe('regel 12: [redacted] te lang (max 12)');
  });

  it('given a message quoting every part at once, then none of the person’s values remain', () => {
    const message =
      'Korte Nieuwstraat 12-a, 3581ab Amersfoort; straat korte nieuwstraat, nr 12A, pc 3581 AB, ' +
      'geboren 02-04-1968 / 2-4-1968 / 02/04/1968 / 19680402 / 02041968 / 1968-04-02, BSN 628194821';
    const redacted = redact(message, person(korteNieuwstraat));
    for (const part of ['Nieuwstraat', 'nieuwstraat', 'Amersfoort', '12', '3581', '1968', '628194821']) expect(redacted).not.toContain(part);
  });

  it('given a company client, then its address stays out of the personal values', () => {
    expect(personalValuesOf(push({ address: korteNieuwstraat }))).toEqual([]);
  });
});
