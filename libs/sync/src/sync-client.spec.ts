import { packagesSwitched, recorded, registered, statusChanged as status } from './testing/client-history';
import { toSyncClient, verdictFor } from './sync-client';

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

  it('given a client ended before Twinfield, CaseWare Cloud and PinkWeb were switched on, then they do not take it; Nextens and QicsMilestones do, as ended', () => {
    const client = toSyncClient([
      registered('company', '20010', ['nextens']),
      status('Ter goedkeuring', 'Klant'),
      status('Klant', 'Geen klant meer', { endDate: '2026-12-31' }),
      packagesSwitched(['nextens', 'twinfield', 'casewarecloud', 'pinkweb', 'qicsmilestones'], '2027-01-05'),
    ])!;
    for (const pkg of ['twinfield', 'casewarecloud', 'pinkweb'] as const) {
      expect([pkg, verdictFor(pkg, client)]).toEqual([pkg, { push: false, reason: 'ended before the package took it' }]);
    }
    expect(verdictFor('nextens', client)).toEqual({ push: true });
    expect(verdictFor('qicsmilestones', client)).toEqual({ push: true });
  });

  it('given Twinfield switched on while Klant but without a debtor number until after the end, then Twinfield never took it', () => {
    const client = toSyncClient([
      registered('company', undefined, ['nextens', 'twinfield']),
      status('Ter goedkeuring', 'Klant'),
      status('Klant', 'Geen klant meer', { endDate: '2026-12-31' }),
      packagesSwitched(['nextens', 'twinfield'], '2027-01-05', '20010'),
    ])!;
    expect(verdictFor('twinfield', client)).toEqual({ push: false, reason: 'ended before the package took it' });
  });

  it('given a package that took the Klant, switched off and on again after the end, then it is still told the client ended', () => {
    const client = toSyncClient([
      registered('company', '20010', ['nextens', 'twinfield', 'casewarecloud']),
      status('Ter goedkeuring', 'Klant'),
      status('Klant', 'Geen klant meer', { endDate: '2026-12-31' }),
      packagesSwitched(['nextens'], '2027-01-05'),
      packagesSwitched(['nextens', 'twinfield', 'casewarecloud'], '2027-01-06'),
    ])!;
    expect(verdictFor('twinfield', client)).toEqual({ push: true });
    expect(verdictFor('casewarecloud', client)).toEqual({ push: true });
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

  it('given a package switched off after it took the Klant, then it is told the client ended there, on the day of the switch', () => {
    const client = toSyncClient([
      registered('company', '20010'),
      status('Ter goedkeuring', 'Klant'),
      packagesSwitched(['nextens', 'qicsmilestones'], '2026-11-30'),
    ])!;
    expect(verdictFor('pinkweb', client)).toEqual({ push: true, endedOn: '2026-11-30' });
    expect(verdictFor('twinfield', client)).toEqual({ push: true, endedOn: '2026-11-30' });
    expect(verdictFor('nextens', client)).toEqual({ push: true });
  });

  it('given the accounting and hours packages switched off in the edit that cleared the debtor number, then both are still told the client ended', () => {
    const client = toSyncClient([
      registered('company', '20010'),
      status('Ter goedkeuring', 'Klant'),
      packagesSwitched(['nextens'], '2026-11-30', null),
    ])!;
    expect(verdictFor('twinfield', client)).toEqual({ push: true, endedOn: '2026-11-30' });
    expect(verdictFor('qicsmilestones', client)).toEqual({ push: true, endedOn: '2026-11-30' });
  });

  it('given a package switched off and on again, then it takes the client back as it is', () => {
    const client = toSyncClient([
      registered('company', '20010'),
      status('Ter goedkeuring', 'Klant'),
      packagesSwitched(['nextens'], '2026-11-30'),
      packagesSwitched(['nextens', 'pinkweb'], '2026-12-01'),
    ])!;
    expect(verdictFor('pinkweb', client)).toEqual({ push: true });
    expect(verdictFor('twinfield', client)).toEqual({ push: true, endedOn: '2026-11-30' });
  });

  it('given a package switched off before Klant, or one that never could take the client, then nothing goes there', () => {
    const beforeKlant = toSyncClient([
      registered('company', '20010'),
      packagesSwitched(['nextens'], '2026-11-30'),
      status('Ter goedkeuring', 'Klant'),
    ])!;
    expect(verdictFor('pinkweb', beforeKlant)).toEqual({ push: false, reason: 'package switched off' });

    // Twinfield never took it (no debtor number); a number given after the switch-off does not make it
    const neverTaken = toSyncClient([
      registered('company'),
      status('Ter goedkeuring', 'Klant'),
      packagesSwitched(['nextens'], '2026-11-30', null),
      packagesSwitched(['nextens'], '2026-12-01', '20010'),
    ])!;
    expect(verdictFor('twinfield', neverTaken)).toEqual({ push: false, reason: 'package switched off' });
    expect(verdictFor('pinkweb', neverTaken)).toEqual({ push: true, endedOn: '2026-11-30' });
  });
});
