import { companyDetails, given, personDetails, registered } from '../testing/client-events';
import { decideRegisterClient as decide, type RegisterClient } from './register-client.decide';

/** The day of every decision below; a date of birth may not lie after it. */
const NOW = new Date('2026-11-20T10:00:00Z');
const decideRegisterClient = (command: RegisterClient, state: Parameters<typeof decide>[1]) => decide(command, state, { now: NOW });

const register = (data: Partial<RegisterClient['data']> = {}): RegisterClient => ({
  type: 'RegisterClient',
  data: { clientId: 'c1', kind: 'company', clientNumber: '20010', details: companyDetails(), ...data },
});

describe('registering a client', () => {
  describe('given no client yet', () => {
    it('when registered without a start status, then it is a Prospect', () => {
      expect(decideRegisterClient(register(), given())).toEqual([
        {
          type: 'ClientRegistered',
          data: { clientId: 'c1', kind: 'company', clientNumber: '20010', status: 'Prospect', details: companyDetails() },
        },
      ]);
    });

    it('when registered as Klantaanvraag, then it starts as Klantaanvraag', () => {
      const [event] = decideRegisterClient(register({ startStatus: 'Klantaanvraag' }), given());
      expect(event.data.status).toBe('Klantaanvraag');
    });

    it.each(['Klant', 'Ter goedkeuring', 'Afgewezen', 'Geen klant meer', 'klant', 'Anything'])(
      'when registered as %s, then it is refused by the start-status rule',
      (startStatus) => {
        expect(() => decideRegisterClient(register({ startStatus }), given())).toThrow(
          expect.objectContaining({ code: 'client.start-status-not-allowed', kind: 'rule' }),
        );
      },
    );

    it('when the form is invalid, then every violation is listed at once', () => {
      const details = companyDetails({
        company: { statutoryName: '', rsin: '123456789', vatId: 'NL123456789B00', iban: 'NL92ABNA0417164300', kvkNumber: '123' },
        address: { street: 'Kerkstraat', houseNumber: '1', postcode: '1234 SA', city: 'Urk', country: 'NL' },
      });
      expect(() => decideRegisterClient(register({ details, clientNumber: 'has spaces' }), given())).toThrow(
        expect.objectContaining({
          code: 'validation-failed',
          violations: [
            { field: 'clientNumber', message: 'clientNumber must be 1 to 20 letters, digits or dashes' },
            { field: 'company.statutoryName', message: 'statutoryName is required' },
            { field: 'company.kvkNumber', message: 'KvK number must be exactly 8 digits' },
            { field: 'company.rsin', message: 'RSIN fails the eleven-check' },
            { field: 'company.vatId', message: 'VAT id suffix B00 is not valid' },
            { field: 'company.iban', message: 'IBAN check digits do not match (mod 97)' },
            { field: 'address.postcode', message: 'Postcode letters SA, SD and SS are not used' },
          ],
        }),
      );
    });

    it('when the card is written loosely, then the event holds it normalised and the command keeps its own card as given', () => {
      const details = companyDetails({
        company: { statutoryName: 'Vries Holding B.V.', iban: 'nl91 abna 0417 1643 00', vatId: 'nl792376092b01' },
        address: { street: 'Kerkstraat', houseNumber: '1', postcode: '3581ab', city: 'Utrecht', country: 'nl' },
      });
      const given_ = JSON.parse(JSON.stringify(details)) as unknown;
      const [event] = decideRegisterClient(register({ details }), given());
      const recorded = (event.data as { details: typeof details }).details;
      expect(recorded.company).toMatchObject({ iban: 'NL91ABNA0417164300', vatId: 'NL792376092B01' });
      expect(recorded.address).toMatchObject({ postcode: '3581 AB', country: 'NL' });
      expect(JSON.parse(JSON.stringify(details))).toEqual(given_);
    });

    it('when a person has an invalid BSN, then it is refused without repeating the number', () => {
      const details = personDetails({ person: { surname: 'Vries', bsn: '123456789' } });
      let error: unknown;
      try {
        decideRegisterClient(register({ kind: 'person', details }), given());
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ violations: [{ field: 'person.bsn', message: 'BSN fails the eleven-check' }] });
      expect(JSON.stringify(error) + String(error)).not.toContain('123456789');
    });

    it.each(['2026-02-30', '1968-13-01', '1968-4-12', '12-04-1968'])(
      'when a person is born on %s, then it is refused: not a day of the calendar as YYYY-MM-DD',
      (dateOfBirth) => {
        const details = personDetails({ person: { surname: 'Vries', dateOfBirth } });
        expect(() => decideRegisterClient(register({ kind: 'person', details }), given())).toThrow(
          expect.objectContaining({ violations: [{ field: 'person.dateOfBirth', message: 'dateOfBirth must be a date as YYYY-MM-DD' }] }),
        );
      },
    );

    it('when a person is born on 29 February of a leap year, then it is registered', () => {
      const details = personDetails({ person: { surname: 'Vries', dateOfBirth: '1968-02-29' } });
      expect(decideRegisterClient(register({ kind: 'person', details }), given())).toHaveLength(1);
    });

    it.each([
      ['2999-01-01', 'dateOfBirth must not lie in the future'],
      ['2026-11-21', 'dateOfBirth must not lie in the future'],
      ['1899-12-31', 'dateOfBirth must not lie before 1900-01-01'],
      ['1066-10-14', 'dateOfBirth must not lie before 1900-01-01'],
    ])('when a person is born on %s, then it is refused: %s', (dateOfBirth, message) => {
      const details = personDetails({ person: { surname: 'Vries', dateOfBirth } });
      expect(() => decideRegisterClient(register({ kind: 'person', details }), given())).toThrow(
        expect.objectContaining({ code: 'validation-failed', violations: [{ field: 'person.dateOfBirth', message }] }),
      );
    });

    it.each(['2026-11-20', '1900-01-01', '1968-04-12'])('when a person is born on %s (today, the earliest day, the reference DGA), then it is registered', (dateOfBirth) => {
      const details = personDetails({ person: { surname: 'Vries', dateOfBirth } });
      expect(decideRegisterClient(register({ kind: 'person', details }), given())).toHaveLength(1);
    });

    it('when a date of birth is judged, then the day comes from the decision context, not the clock', () => {
      const details = personDetails({ person: { surname: 'Vries', dateOfBirth: '2026-11-21' } });
      const command = register({ kind: 'person', details });
      expect(() => decide(command, given(), { now: NOW })).toThrow(expect.objectContaining({ code: 'validation-failed' }));
      expect(decide(command, given(), { now: new Date('2026-11-21T00:00:00Z') })).toHaveLength(1);
    });

    it.each(['XX', 'XK', 'AN', 'N', 'NLD'])('when the country is %s, then it is refused: not an assigned ISO 3166-1 alpha-2 code', (country) => {
      const details = companyDetails({ address: { street: 'Rue Neuve', houseNumber: '1', postcode: '1000', city: 'Brussel', country } });
      expect(() => decideRegisterClient(register({ details }), given())).toThrow(
        expect.objectContaining({
          violations: [{ field: 'address.country', message: 'country must be an ISO 3166-1 alpha-2 country code, like NL' }],
        }),
      );
    });

    it.each([['nl', 'NL', '1234 AB'], ['be', 'BE', '1000'], ['De', 'DE', '10115']])(
      'when the country is written %s, then it is stored as %s',
      (country, stored, postcode) => {
        const details = companyDetails({ address: { street: 'Straat', houseNumber: '1', postcode, city: 'Stad', country } });
        const [event] = decideRegisterClient(register({ details }), given());
        expect(event.data.details.address).toMatchObject({ country: stored, postcode });
      },
    );

    describe('a company\'s fiscal sequence (volgnummer of its RSIN, part of the Nextens key)', () => {
      const withSequence = (fiscalSequence: unknown, company: object = companyDetails().company!) =>
        companyDetails({ company: { ...(company as { statutoryName: string }), fiscalSequence: fiscalSequence as number } });
      /** The refusal naming the fiscal sequence alone, in `message`. */
      const refusedOnSequence = (message: string) =>
        expect.objectContaining({ code: 'validation-failed', violations: [{ field: 'company.fiscalSequence', message }] });

      it.each([1, 2, 999])('when it is %s beside the RSIN, then it is registered with it', (fiscalSequence) => {
        const [event] = decideRegisterClient(register({ details: withSequence(fiscalSequence) }), given());
        expect(event.data.details.company).toMatchObject({ rsin: '792376092', fiscalSequence });
      });

      it('when it is left out, then the card has none (Nextens reads it as 1)', () => {
        const [event] = decideRegisterClient(register(), given());
        expect(event.data.details.company).not.toHaveProperty('fiscalSequence');
      });

      it.each([[0], [-1], [1000], [1.5], [Number.NaN], ['2'], [null], [true]])(
        'when it is %p, then it is refused by name: not a whole number from 1 to 999',
        (fiscalSequence) => {
          expect(() => decideRegisterClient(register({ details: withSequence(fiscalSequence) }), given())).toThrow(
            refusedOnSequence('fiscalSequence must be a whole number from 1 to 999'),
          );
        },
      );

      it('when it is given without an RSIN, then it is refused by name: there is no fiscal number for it to number', () => {
        const details = withSequence(2, { legalForm: 'BV', statutoryName: 'Fiscale Eenheid Deel B.V.' });
        expect(() => decideRegisterClient(register({ details }), given())).toThrow(
          refusedOnSequence('fiscalSequence needs company.rsin: it numbers the companies sharing that fiscal number'),
        );
      });

      it('when it is given beside an RSIN that fails the eleven-check, then only the RSIN is refused', () => {
        const details = withSequence(2, { statutoryName: 'X B.V.', rsin: '123456789' });
        expect(() => decideRegisterClient(register({ details }), given())).toThrow(
          expect.objectContaining({ violations: [{ field: 'company.rsin', message: 'RSIN fails the eleven-check' }] }),
        );
      });
    });

    it('when the kind and the details disagree, then it is refused', () => {
      expect(() => decideRegisterClient(register({ kind: 'person' }), given())).toThrow(
        expect.objectContaining({
          violations: expect.arrayContaining([
            { field: 'person', message: 'a person client needs person details' },
            { field: 'company', message: 'a person client has no company details' },
          ]),
        }),
      );
    });

    it('when the postcode is written loosely, then it is stored as 1234 AB', () => {
      const details = companyDetails({
        address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511ed', city: 'Utrecht', country: 'NL' },
      });
      const [event] = decideRegisterClient(register({ details }), given());
      expect(event.data.details.address.postcode).toBe('3511 ED');
    });
  });

  describe('given the client is already registered', () => {
    it('when registered again, then it is refused', () => {
      expect(() => decideRegisterClient(register(), given(registered('c1')))).toThrow(
        expect.objectContaining({ code: 'client.already-registered' }),
      );
    });
  });
});
