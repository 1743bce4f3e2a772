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

  describe('given no client', () => {
    it('when changed, then it is not found', () => {
      expect(() => decideChangeClientDetails(change({ searchName: 'X' }), given())).toThrow(
        expect.objectContaining({ code: 'client.not-found', kind: 'not-found' }),
      );
    });
  });
});
