import { statusChanged } from '../testing/acceptance-events';
import { companyDetails, given, registered } from '../testing/client-events';
import type { ClientRegistered } from './client.events';
import { type CardChangeContext, type ChangeClientDetails, decideChangeClientDetails as decide } from './change-client-details.decide';
import type { ClientState } from './client.state';

const change = (patch: object) => ({ type: 'ChangeClientDetails' as const, data: { clientId: 'c1', patch } });
/** The day of every decision below; a date of birth may not lie after it. */
const NOW = new Date('2026-11-20T10:00:00Z');
const decideChangeClientDetails = (command: ChangeClientDetails, state: ClientState, context: Omit<CardChangeContext, 'now'> = {}) =>
  decide(command, state, { now: NOW, ...context });

describe('changing client details', () => {
  describe('given a registered company', () => {
    const state = given(registered('c1'));

    it('when the search name changes, then the whole new card is recorded with what changed', () => {
      const [event] = decideChangeClientDetails(change({ searchName: 'VBHOLDING' }), state);
      expect(event.data.changedFields).toEqual(['searchName']);
      expect(event.data.details.searchName).toBe('VBHOLDING');
      expect(event.data.details.company?.statutoryName).toBe('De Vries & Van den Berg Holding B.V.');
    });

    it('when only an optional part is cleared with null, then that is a change naming the part', () => {
      const [event] = decideChangeClientDetails(change({ debtorNumber: null }), state);
      expect(event.data.changedFields).toEqual(['debtorNumber']);
      expect(event.data.details).not.toHaveProperty('debtorNumber');
    });

    it('when a part is cleared beside another change, then both are named', () => {
      const [event] = decideChangeClientDetails(change({ debtorNumber: null, searchName: 'VBHOLDING' }), state);
      expect(event.data.changedFields.sort()).toEqual(['debtorNumber', 'searchName']);
    });

    it('when nothing really changes, then no event is written', () => {
      expect(decideChangeClientDetails(change({ searchName: 'VRIBERHOLD', clientNumber: '20010' }), state)).toEqual([]);
    });

    it('when another client number is asked for, then it is refused: numbers are immutable', () => {
      expect(() => decideChangeClientDetails(change({ clientNumber: '20099' }), state)).toThrow(
        expect.objectContaining({ code: 'client.client-number-immutable' }),
      );
    });

    it('when the new IBAN is invalid, then it is refused', () => {
      expect(() =>
        decideChangeClientDetails(
          change({ company: { statutoryName: 'X B.V.', iban: 'NL00ABNA0417164300' } }),
          state,
        ),
      ).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'company.iban' })] }));
    });
  });

  describe('given a person with initials, a birth date and a BSN (a change merges into the card)', () => {
    const state = given(registered('p1', 'person'));
    const before = state.exists ? state.details.person! : {};

    it('when only the surname is sent, then the other person fields stay as they were', () => {
      const [event] = decideChangeClientDetails(change({ person: { surname: 'Jansen' } }), state);
      expect(event.data.details.person).toEqual({ ...before, surname: 'Jansen' });
      expect(event.data.changedFields).toEqual(['person']);
    });

    it('when the BSN is sent as null, then it is cleared and the rest stays', () => {
      const [event] = decideChangeClientDetails(change({ person: { bsn: null } }), state);
      const { bsn: _bsn, ...rest } = before as { bsn?: string };
      void _bsn;
      expect(event.data.details.person).toEqual(rest);
    });

    it('when a required field is cleared, then it is refused naming it', () => {
      expect(() => decideChangeClientDetails(change({ searchName: null, person: { surname: null } }), state)).toThrow(
        expect.objectContaining({ violations: expect.arrayContaining([expect.objectContaining({ field: 'searchName' }), expect.objectContaining({ field: 'person.surname' })]) }),
      );
    });
  });

  describe('given a person client (plausible dates and countries)', () => {
    const state = given(registered('p1', 'person'));

    it.each([
      ['2999-01-01', 'dateOfBirth must not lie in the future'],
      ['2026-11-21', 'dateOfBirth must not lie in the future'],
      ['1899-12-31', 'dateOfBirth must not lie before 1900-01-01'],
    ])('when the date of birth is changed to %s, then it is refused by name', (dateOfBirth, message) => {
      expect(() => decideChangeClientDetails(change({ person: { dateOfBirth } }), state)).toThrow(
        expect.objectContaining({ code: 'validation-failed', violations: [{ field: 'person.dateOfBirth', message }] }),
      );
    });

    it('when the date of birth is changed to today, then the change is recorded', () => {
      const [event] = decideChangeClientDetails(change({ person: { dateOfBirth: '2026-11-20' } }), state);
      expect(event.data.details.person?.dateOfBirth).toBe('2026-11-20');
    });

    it('when only the country is changed, to XX, then it is refused by name', () => {
      expect(() => decideChangeClientDetails(change({ address: { country: 'XX' } }), state)).toThrow(
        expect.objectContaining({ violations: [{ field: 'address.country', message: 'country must be an ISO 3166-1 alpha-2 country code, like NL' }] }),
      );
    });

    it('when the country is sent as nl, then the card keeps NL and nothing changes', () => {
      expect(decideChangeClientDetails(change({ address: { country: 'nl' } }), state)).toEqual([]);
    });
  });

  describe('given a change from outside the HTTP edge, with values that are not text', () => {
    const state = given(registered('c1'));
    const ADDRESS = { street: 'Kerkstraat', houseNumber: '1', postcode: '1234 AB', city: 'Urk' };

    it.each([[12], [['NL']], [{ code: 'NL' }]])('when the country is %j, then it is refused by name instead of failing', (country) => {
      expect(() => decideChangeClientDetails(change({ address: { ...ADDRESS, country } }), state)).toThrow(
        expect.objectContaining({ violations: [{ field: 'address.country', message: 'country must be a string' }] }),
      );
    });

    it('when fields are null, then the optional ones are cleared and a required one is refused by name', () => {
      const patch = { searchName: null, debtorNumber: null, email: null, company: { kvkNumber: null, rsin: null, vatId: null, iban: null } };
      expect(() => decideChangeClientDetails(change(patch), state)).toThrow(
        expect.objectContaining({ violations: [{ field: 'searchName', message: 'searchName is required' }] }),
      );

      const [event] = decideChangeClientDetails(change({ ...patch, searchName: 'X' }), state);
      expect(event.data.details).not.toHaveProperty('debtorNumber');
      expect(event.data.details.company).toEqual({ legalForm: 'BV', statutoryName: 'De Vries & Van den Berg Holding B.V.' });
    });

    it('when the packages are not a list, then they are refused by name instead of failing', () => {
      expect(() => decideChangeClientDetails(change({ packages: {} }), state)).toThrow(
        expect.objectContaining({ violations: [{ field: 'packages', message: 'packages must be a list of package names' }] }),
      );
    });
  });

  describe('given a registered company with an RSIN (fiscal sequence: the volgnummer in its Nextens key)', () => {
    const withSequence = (fiscalSequence: number) =>
      given({ ...registered('c1'), data: { ...registered('c1').data, details: companyDetails({ company: { ...companyDetails().company!, fiscalSequence } }) } });

    it('when a fiscal sequence is set, then the company part is named as changed (so the packages are sent it)', () => {
      const [event] = decideChangeClientDetails(change({ company: { fiscalSequence: 2 } }), given(registered('c1')));
      expect(event.data.changedFields).toEqual(['company']);
      expect(event.data.details.company).toEqual({ ...companyDetails().company, fiscalSequence: 2 });
    });

    it('when the fiscal sequence changes to another, then the company part is named as changed', () => {
      const [event] = decideChangeClientDetails(change({ company: { fiscalSequence: 3 } }), withSequence(2));
      expect(event.data.changedFields).toEqual(['company']);
      expect(event.data.details.company?.fiscalSequence).toBe(3);
    });

    it('when the same fiscal sequence is sent again, then nothing changes', () => {
      expect(decideChangeClientDetails(change({ company: { fiscalSequence: 2 } }), withSequence(2))).toEqual([]);
    });

    it('when the fiscal sequence is cleared with null, then it is gone from the card (1 again)', () => {
      const [event] = decideChangeClientDetails(change({ company: { fiscalSequence: null } }), withSequence(2));
      expect(event.data.changedFields).toEqual(['company']);
      expect(event.data.details.company).not.toHaveProperty('fiscalSequence');
    });

    it('when it is changed to 0, then it is refused by name', () => {
      expect(() => decideChangeClientDetails(change({ company: { fiscalSequence: 0 } }), withSequence(2))).toThrow(
        expect.objectContaining({ violations: [{ field: 'company.fiscalSequence', message: 'fiscalSequence must be a whole number from 1 to 999' }] }),
      );
    });

    it('when the RSIN is cleared and the fiscal sequence kept, then it is refused naming the sequence; cleared together, they are recorded', () => {
      expect(() => decideChangeClientDetails(change({ company: { rsin: null } }), withSequence(2))).toThrow(
        expect.objectContaining({
          violations: [{ field: 'company.fiscalSequence', message: 'fiscalSequence needs company.rsin: it numbers the companies sharing that fiscal number' }],
        }),
      );
      const [event] = decideChangeClientDetails(change({ company: { rsin: null, fiscalSequence: null } }), withSequence(2));
      expect(event.data.details.company).toEqual({ legalForm: 'BV', statutoryName: 'De Vries & Van den Berg Holding B.V.', kvkNumber: '61234567' });
    });
  });

  describe('given a client the packages hold', () => {
    const held = (status: 'Klant' | 'Geen klant meer', details = companyDetails({ packages: ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'] })) => {
      const registration: ClientRegistered = { ...registered('c1'), data: { ...registered('c1').data, details } };
      return given(
        registration,
        statusChanged('c1', 'Prospect', 'Klantaanvraag'),
        statusChanged('c1', 'Klantaanvraag', 'Ter goedkeuring'),
        statusChanged('c1', 'Ter goedkeuring', 'Klant'),
        ...(status === 'Geen klant meer' ? [statusChanged('c1', 'Klant', 'Geen klant meer', { endDate: '2026-12-31' })] : []),
      );
    };
    it.each(['Klant', 'Geen klant meer'] as const)('(%s) when the RSIN Nextens keys it on is dropped, then it is refused, naming the package and the field', (status) => {
      expect(() => decideChangeClientDetails(change({ company: { rsin: null } }), held(status))).toThrow(
        expect.objectContaining({
          code: 'client.package-needs-unmet',
          kind: 'rule',
          details: {
            clientId: 'c1',
            clientStatus: status,
            missing: [{ package: 'nextens', field: 'company.rsin', message: 'nextens keys companies on their RSIN' }],
          },
        }),
      );
    });

    it('when a package is switched on without what it needs, then it is refused', () => {
      const state = held('Klant', companyDetails({ debtorNumber: undefined, packages: ['pinkweb'] }));
      expect(() => decideChangeClientDetails(change({ packages: ['pinkweb', 'twinfield'] }), state)).toThrow(
        expect.objectContaining({
          details: expect.objectContaining({ missing: [{ package: 'twinfield', field: 'debtorNumber', message: 'twinfield needs a debtor number' }] }),
        }),
      );
    });

    it('when a package is switched on with what it needs in the same change, then the change is recorded', () => {
      const state = held('Klant', companyDetails({ debtorNumber: undefined, packages: ['pinkweb'] }));
      const [event] = decideChangeClientDetails(change({ packages: ['pinkweb', 'twinfield'], debtorNumber: '20010' }), state);
      expect(event.data.changedFields).toEqual(['debtorNumber', 'packages']);
    });

    it('when the hours package is switched on while the invoice-to client is not there, then it is refused', () => {
      const state = held('Klant', companyDetails({ packages: ['pinkweb'] }));
      const invoiceTo = { clientNumber: '20099', packages: ['pinkweb' as const], debtorNumber: '20099' };
      expect(() => decideChangeClientDetails(change({ packages: ['pinkweb', 'qicsmilestones'] }), state, { invoiceTo })).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ missing: [expect.objectContaining({ package: 'qicsmilestones', field: 'invoiceTo' })] }) }),
      );
      const there = { ...invoiceTo, packages: ['qicsmilestones' as const] };
      expect(decideChangeClientDetails(change({ packages: ['pinkweb', 'qicsmilestones'] }), state, { invoiceTo: there })).toHaveLength(1);
    });

    it('when a package is switched off, or the RSIN changed to another, then the change is recorded', () => {
      expect(decideChangeClientDetails(change({ packages: ['pinkweb'] }), held('Klant'))).toHaveLength(1);
      expect(decideChangeClientDetails(change({ company: { ...companyDetails().company!, rsin: '995822542' } }), held('Klant'))).toHaveLength(1);
    });

    it('when the card already lacked what a package needs, then a change that does not take more away is recorded', () => {
      // A card from before the rule: Twinfield on without a debtor number.
      const state = held('Klant', companyDetails({ debtorNumber: undefined, packages: ['pinkweb', 'twinfield'] }));
      expect(decideChangeClientDetails(change({ searchName: 'VBHOLDING' }), state)).toHaveLength(1);
    });
  });

  describe('given a client whose invoices go to another, in the hours package', () => {
    const inQics = companyDetails({ packages: ['pinkweb', 'qicsmilestones'] });
    const target = given({ ...registered('t1'), data: { ...registered('t1').data, details: inQics } });
    const invoicing = (status: 'Prospect' | 'Klant', packages = inQics.packages) => {
      const registration = registered('a1', 'company', '20021');
      const state = given(
        { ...registration, data: { ...registration.data, details: companyDetails({ debtorNumber: '20021', packages }) } },
        ...(status === 'Klant'
          ? [statusChanged('a1', 'Prospect', 'Klantaanvraag'), statusChanged('a1', 'Klantaanvraag', 'Ter goedkeuring'), statusChanged('a1', 'Ter goedkeuring', 'Klant')]
          : []),
      );
      if (!state.exists) throw new Error('registered above');
      return state;
    };
    const changeTarget = (patch: object) => ({ type: 'ChangeClientDetails' as const, data: { clientId: 't1', patch } });

    it('when the invoice-to client leaves the hours package while a Klant invoices to it there, then it is refused, naming that client', () => {
      expect(() => decideChangeClientDetails(changeTarget({ packages: ['pinkweb'] }), target, { invoicedBy: [invoicing('Klant')] })).toThrow(
        expect.objectContaining({
          code: 'invoice-to.target-still-needed',
          kind: 'rule',
          details: { clientId: 't1', invoicedBy: [{ clientId: 'a1', clientNumber: '20021', package: 'qicsmilestones' }] },
        }),
      );
    });

    it('when its other details change, then the change is recorded', () => {
      expect(decideChangeClientDetails(changeTarget({ searchName: 'ANDERS' }), target, { invoicedBy: [invoicing('Klant')] })).toHaveLength(1);
    });

    it('when the invoicing client is not Klant yet, or not in the hours package, then leaving it is recorded: nothing rests on it', () => {
      expect(decideChangeClientDetails(changeTarget({ packages: ['pinkweb'] }), target, { invoicedBy: [invoicing('Prospect')] })).toHaveLength(1);
      expect(decideChangeClientDetails(changeTarget({ packages: ['pinkweb'] }), target, { invoicedBy: [invoicing('Klant', ['pinkweb'])] })).toHaveLength(1);
    });
  });

  describe('given a prospect', () => {
    it('when the RSIN is dropped while Nextens is on, then the change is recorded: acceptance checks it before Klant', () => {
      const state = given({ ...registered('c1'), data: { ...registered('c1').data, details: companyDetails({ packages: ['nextens'] }) } });
      expect(decideChangeClientDetails(change({ company: { rsin: null } }), state)).toHaveLength(1);
    });
  });

  describe('given no client', () => {
    it('when changed, then it is not found', () => {
      expect(() => decideChangeClientDetails(change({ searchName: 'X' }), given())).toThrow(
        expect.objectContaining({ code: 'client.not-found', kind: 'not-found' }),
      );
    });
  });
});
