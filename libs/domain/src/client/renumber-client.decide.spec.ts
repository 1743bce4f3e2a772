import { given, registered } from '../testing/client-events';
import { decideRenumberClient, type RenumberClient } from './renumber-client.decide';

const renumber = (clientNumber: string): RenumberClient => ({ type: 'RenumberClient', data: { clientId: 'c1', clientNumber } });
const renumbered = (from: string, to: string) => ({ type: 'ClientRenumbered' as const, data: { clientId: 'c1', from, to } });

describe('renumbering a client', () => {
  describe('given client 20010', () => {
    const client = given(registered('c1', 'company', '20010'));

    it('when given a free number, then it is renumbered and the new number reserved for it', () => {
      expect(decideRenumberClient(renumber('20110'), client, {})).toEqual([
        renumbered('20010', '20110'),
        { type: 'ClientNumberReserved', data: { clientNumber: '20110', clientId: 'c1' } },
      ]);
    });

    it('when given a number reserved for another client, then it is refused as a taken number', () => {
      expect(() => decideRenumberClient(renumber('20110'), client, { heldBy: 'c2' })).toThrow(
        expect.objectContaining({ code: 'client.duplicate-client-number', kind: 'conflict', details: { clientNumber: '20110' } }),
      );
    });

    it('when given its own number, then nothing is recorded', () => {
      expect(decideRenumberClient(renumber('20010'), client, {})).toEqual([]);
    });

    it('when given a number that is no client number, then it is refused by the number rule', () => {
      expect(() => decideRenumberClient(renumber('-20110'), client, {})).toThrow(
        expect.objectContaining({
          code: 'validation-failed',
          violations: [{ field: 'clientNumber', message: 'clientNumber must be 1 to 20 letters, digits or dashes' }],
        }),
      );
    });

    it('when renumbered, then the client carries the new number', () => {
      const after = given(registered('c1', 'company', '20010'), renumbered('20010', '20110'));
      expect(after.exists && after.clientNumber).toBe('20110');
    });
  });

  describe('given a client renumbered from 20010 to 20210 and then to 20110', () => {
    const client = given(registered('c1', 'company', '20010'), renumbered('20010', '20210'), renumbered('20210', '20110'));

    it('when renumbered back to 20210, whose reservation is its own, then no second reservation is made', () => {
      expect(decideRenumberClient(renumber('20210'), client, { heldBy: 'c1' })).toEqual([renumbered('20110', '20210')]);
    });
  });

  describe('given no client', () => {
    it('when renumbered, then it is not found', () => {
      expect(() => decideRenumberClient(renumber('20110'), given(), {})).toThrow(expect.objectContaining({ code: 'client.not-found' }));
    });
  });

  describe('the numbers a renumbered client had', () => {
    it('given renumberings 20010 → 20110 → 20210 → 20010, then it had 20210 and 20110, the latest first', () => {
      const client = given(registered('c1', 'company', '20010'), renumbered('20010', '20110'), renumbered('20110', '20210'));
      expect(client).toMatchObject({ clientNumber: '20210', formerClientNumbers: ['20110', '20010'] });

      expect(given(registered('c1', 'company', '20010'), renumbered('20010', '20110'), renumbered('20110', '20210'), renumbered('20210', '20010'))).toMatchObject({
        clientNumber: '20010',
        formerClientNumbers: ['20210', '20110'],
      });
    });
  });
});
