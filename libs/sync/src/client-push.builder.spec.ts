import type { RecordedEvent } from '@koppelhub/eventstore';
import { buildClientPush, NO_RELATIONS } from './client-push.builder';
import { toSyncClient } from './sync-client';

let position = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${++position}`,
  stream: 'client-c1',
  streamVersion: position,
  position,
  transactionId: String(position),
  type,
  data,
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c' },
  recordedAt: new Date('2026-11-30T10:00:00Z'),
});
const history = (...more: RecordedEvent[]) => [
  recorded('ClientRegistered', {
    clientId: 'c1',
    kind: 'company',
    clientNumber: '20010',
    status: 'Prospect',
    details: {
      searchName: 'X',
      debtorNumber: '20010',
      company: { statutoryName: 'X B.V.' },
      address: { street: 'S', houseNumber: '1', postcode: '1234 AB', city: 'U', country: 'NL' },
      packages: ['pinkweb'],
    },
  }),
  recorded('ClientStatusChanged', { clientId: 'c1', from: 'Ter goedkeuring', to: 'Klant' }),
  ...more,
];

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

  it('given the relationship itself ended, then its end date wins over a later switch-off', () => {
    const client = toSyncClient(history(recorded('ClientStatusChanged', { clientId: 'c1', from: 'Klant', to: 'Geen klant meer', endDate: '2026-12-31' })))!;
    expect(buildClientPush(client, NO_RELATIONS, '2027-01-15')).toMatchObject({ status: 'Geen klant meer', endDate: '2026-12-31' });
  });
});
