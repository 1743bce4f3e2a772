import { buildClientPush, NO_RELATIONS } from './client-push.builder';
import { toSyncClient } from './sync-client';
import { recorded, registered, statusChanged } from './testing/client-history';

const history = (...more: ReturnType<typeof statusChanged>[]) => [registered('company', '20010', ['pinkweb']), statusChanged('Ter goedkeuring', 'Klant'), ...more];

describe('the payload a package is sent', () => {
  it('given a Klant, then it reads Klant with no end date', () => {
    const push = buildClientPush(toSyncClient(history())!, NO_RELATIONS);
    expect(push).toMatchObject({ clientNumber: '20010', status: 'Klant' });
    expect(push.endDate).toBeUndefined();
  });

  it('given its package was switched off, then that package reads it ended on the day of the switch', () => {
    expect(buildClientPush(toSyncClient(history())!, NO_RELATIONS, '2026-11-30')).toMatchObject({
      status: 'Geen klant meer',
      endDate: '2026-11-30',
    });
  });

  it('given a client renumbered twice, then it is sent under its number with the former ones, the latest first', () => {
    const renumbered = (from: string, to: string) => recorded('ClientRenumbered', { clientId: 'c1', from, to });
    const push = buildClientPush(toSyncClient(history(renumbered('20010', '20110'), renumbered('20110', '20210')))!, NO_RELATIONS);
    expect(push).toMatchObject({ clientNumber: '20210', formerClientNumbers: ['20110', '20010'] });

    const back = buildClientPush(toSyncClient(history(renumbered('20010', '20110'), renumbered('20110', '20010')))!, NO_RELATIONS);
    expect(back).toMatchObject({ clientNumber: '20010', formerClientNumbers: ['20110'] });
    expect(buildClientPush(toSyncClient(history())!, NO_RELATIONS).formerClientNumbers).toBeUndefined();
  });

  it('given the relationship itself ended, then its end date wins over a later switch-off', () => {
    const client = toSyncClient(history(statusChanged('Klant', 'Geen klant meer', { endDate: '2026-12-31' })))!;
    expect(buildClientPush(client, NO_RELATIONS, '2027-01-15')).toMatchObject({ status: 'Geen klant meer', endDate: '2026-12-31' });
  });
});
