import type { RecordedEvent } from '@koppelhub/eventstore';
import { toSyncClient, verdictFor } from './sync-client';

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
  recordedAt: new Date(),
});

const registered = (kind: 'company' | 'person', debtorNumber?: string) =>
  recorded('ClientRegistered', {
    clientId: 'c1',
    kind,
    clientNumber: '20010',
    status: 'Prospect',
    details: {
      searchName: 'X',
      ...(debtorNumber ? { debtorNumber } : {}),
      ...(kind === 'company' ? { company: { statutoryName: 'X B.V.' } } : { person: { surname: 'Vries' } }),
      address: { street: 'S', houseNumber: '1', postcode: '1234 AB', city: 'U', country: 'NL' },
      packages: ['pinkweb', 'casewarecloud', 'nextens', 'qicsmilestones', 'twinfield'],
    },
  });
const status = (from: string, to: string, extra = {}) => recorded('ClientStatusChanged', { clientId: 'c1', from, to, ...extra });

describe('which packages a client goes to', () => {
  it('given a client on its way to Klant, then nothing goes anywhere', () => {
    const client = toSyncClient([registered('company', '20010'), status('Prospect', 'Klantaanvraag'), status('Klantaanvraag', 'Ter goedkeuring')])!;
    for (const pkg of ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield', 'casewarecloud'] as const) {
      expect(verdictFor(pkg, client)).toEqual({ push: false, reason: 'not Klant yet' });
    }
  });

  it('given a Klant company with a debtor number, then every switched-on package', () => {
    const client = toSyncClient([registered('company', '20010'), status('Ter goedkeuring', 'Klant')])!;
    for (const pkg of ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield', 'casewarecloud'] as const) {
      expect(verdictFor(pkg, client)).toEqual({ push: true });
    }
  });

  it('given a Klant person, then not CaseWare Cloud (companies only)', () => {
    const client = toSyncClient([registered('person', '20001'), status('Ter goedkeuring', 'Klant')])!;
    expect(verdictFor('casewarecloud', client)).toEqual({ push: false, reason: 'companies only' });
    expect(verdictFor('nextens', client)).toEqual({ push: true });
  });

  it('given no debtor number, then not to the accounting and hours packages', () => {
    const client = toSyncClient([registered('company'), status('Ter goedkeuring', 'Klant')])!;
    expect(verdictFor('twinfield', client)).toEqual({ push: false, reason: 'no debtor number' });
    expect(verdictFor('qicsmilestones', client)).toEqual({ push: false, reason: 'no debtor number' });
    expect(verdictFor('pinkweb', client)).toEqual({ push: true });
  });

  it('given Geen klant meer after Klant, then still pushed (as ended) with its end date', () => {
    const client = toSyncClient([
      registered('company', '20010'),
      status('Ter goedkeuring', 'Klant'),
      status('Klant', 'Geen klant meer', { endDate: '2026-12-31' }),
    ])!;
    expect(client.endDate).toBe('2026-12-31');
    expect(verdictFor('twinfield', client)).toEqual({ push: true });
  });

  it('given an ended client whose personal data was erased, then nothing is pushed any more', () => {
    const client = toSyncClient([
      registered('person', '20001'),
      status('Ter goedkeuring', 'Klant'),
      status('Klant', 'Geen klant meer', { endDate: '2026-12-31' }),
      recorded('PersonalDataErased', { clientId: 'c1', subjects: ['client:c1'], erasedOn: '2034-01-01' }),
    ])!;
    expect(verdictFor('nextens', client)).toEqual({ push: false, reason: 'personal data erased' });
  });
});
