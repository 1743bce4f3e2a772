import { given, registered } from '../testing/client-events';
import { decideChangeClientDetails } from './change-client-details.decide';

const change = (patch: object) => ({ type: 'ChangeClientDetails' as const, data: { clientId: 'c1', patch } });

describe('changing client details', () => {
  describe('given a registered company', () => {
    const state = given(registered('c1'));

    it('when the search name changes, then the whole new card is recorded with what changed', () => {
      const [event] = decideChangeClientDetails(change({ searchName: 'VBHOLDING' }), state);
      expect(event.data.changedFields).toEqual(['searchName']);
      expect(event.data.details.searchName).toBe('VBHOLDING');
      expect(event.data.details.company?.statutoryName).toBe('De Vries & Van den Berg Holding B.V.');
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

  describe('given a change from outside the HTTP edge, with values that are not text', () => {
    const state = given(registered('c1'));
    const ADDRESS = { street: 'Kerkstraat', houseNumber: '1', postcode: '1234 AB', city: 'Urk' };

    it.each([[12], [['NL']], [{ code: 'NL' }]])('when the country is %j, then it is refused by name instead of failing', (country) => {
      expect(() => decideChangeClientDetails(change({ address: { ...ADDRESS, country } }), state)).toThrow(
        expect.objectContaining({ violations: [{ field: 'address.country', message: 'country must be a string' }] }),
      );
    });

    it('when fields are null, then each is refused by name instead of failing', () => {
      const patch = {
        searchName: null,
        debtorNumber: null,
        email: null,
        packages: null,
        company: { statutoryName: 'X B.V.', kvkNumber: null, rsin: null, vatId: null, iban: null },
      };
      expect(() => decideChangeClientDetails(change(patch), state)).toThrow(
        expect.objectContaining({
          violations: [
            { field: 'searchName', message: 'searchName is required' },
            { field: 'debtorNumber', message: 'debtorNumber must be 1 to 20 letters, digits or dashes' },
            { field: 'company.kvkNumber', message: 'company.kvkNumber must be a string' },
            { field: 'company.rsin', message: 'company.rsin must be a string' },
            { field: 'company.vatId', message: 'company.vatId must be a string' },
            { field: 'company.iban', message: 'company.iban must be a string' },
            { field: 'email', message: 'email must be an e-mail address' },
            { field: 'packages', message: 'packages must be a list of package names' },
          ],
        }),
      );
    });

    it('when the packages are not a list, then they are refused by name instead of failing', () => {
      expect(() => decideChangeClientDetails(change({ packages: {} }), state)).toThrow(
        expect.objectContaining({ violations: [{ field: 'packages', message: 'packages must be a list of package names' }] }),
      );
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
