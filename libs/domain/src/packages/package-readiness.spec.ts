import { companyDetails, personDetails } from '../testing/client-events';
import { packageReadiness } from './package-readiness';

describe('package readiness', () => {
  it('given a complete company, then every switched-on package is ready', () => {
    const readiness = packageReadiness('company', companyDetails({ packages: ['twinfield', 'nextens', 'casewarecloud'] }), [], []);
    expect(readiness).toMatchObject({ ready: true });
  });

  it('given no debtor number and no RSIN, then twinfield, qicsmilestones and nextens say what they need', () => {
    const details = companyDetails({ debtorNumber: undefined, packages: ['twinfield', 'qicsmilestones', 'nextens'] });
    details.company = { ...details.company!, rsin: undefined };
    const readiness = packageReadiness('company', details, [], []);
    expect(readiness.ready).toBe(false);
    expect(readiness.packages.map((p) => [p.package, p.missing.map((m) => m.field)])).toEqual([
      ['twinfield', ['debtorNumber']],
      ['qicsmilestones', ['debtorNumber']],
      ['nextens', ['company.rsin']],
    ]);
  });

  it.each([['D-777'], ['12345678901234567']])(
    'given debtor number %s, then twinfield says its customer code cannot be it; qicsmilestones takes it',
    (debtorNumber) => {
      const readiness = packageReadiness('company', companyDetails({ debtorNumber, packages: ['twinfield', 'qicsmilestones'] }), [], []);
      expect(readiness.packages).toEqual([
        { package: 'twinfield', ready: false, missing: [{ field: 'debtorNumber', message: 'twinfield takes a debtor number of at most 16 letters and digits (its customer code)' }] },
        { package: 'qicsmilestones', ready: true, missing: [] },
      ]);
    },
  );

  it('given invoices going to a client the hours package cannot have, then qicsmilestones says so', () => {
    const details = companyDetails({ packages: ['twinfield', 'qicsmilestones'] });
    const needs = (invoiceTo: { clientNumber: string; packages: ('twinfield' | 'qicsmilestones')[]; debtorNumber?: string; status?: 'Afgewezen' | 'Ter goedkeuring' }) =>
      packageReadiness('company', details, [], [], { invoiceTo }).packages.map((p) => [p.package, p.missing.map((m) => m.message)]);

    expect(needs({ clientNumber: '20010', packages: ['twinfield'], debtorNumber: '20010' })).toEqual([
      ['twinfield', []],
      ['qicsmilestones', ['qicsmilestones needs the invoice-to client 20010 there too, and it is not linked to qicsmilestones']],
    ]);
    expect(needs({ clientNumber: '20010', packages: ['qicsmilestones'] })).toEqual([
      ['twinfield', []],
      ['qicsmilestones', ['qicsmilestones needs the invoice-to client 20010 there too, and it has no debtor number']],
    ]);
    expect(needs({ clientNumber: '20010', packages: ['qicsmilestones'], debtorNumber: '20010' })).toEqual([
      ['twinfield', []],
      ['qicsmilestones', []],
    ]);
    // Still in acceptance is fine (it arrives at its own Klant); rejected, it never arrives
    expect(needs({ clientNumber: '20010', packages: ['qicsmilestones'], debtorNumber: '20010', status: 'Ter goedkeuring' })).toEqual([
      ['twinfield', []],
      ['qicsmilestones', []],
    ]);
    expect(needs({ clientNumber: '20010', packages: ['qicsmilestones'], debtorNumber: '20010', status: 'Afgewezen' })).toEqual([
      ['twinfield', []],
      ['qicsmilestones', ['qicsmilestones needs the invoice-to client 20010 there too, and it was rejected (Afgewezen): it never will be']],
    ]);
  });

  it('given a person without BSN on nextens and casewarecloud, then both are not ready', () => {
    const details = personDetails({ packages: ['nextens', 'casewarecloud'] });
    details.person = { ...details.person!, bsn: undefined };
    const readiness = packageReadiness('person', details, [], []);
    expect(readiness.packages.map((p) => p.missing.map((m) => m.field))).toEqual([['person.bsn'], ['kind']]);
  });

  it('given a duplicate portal login, then the portal packages are held but the others are not', () => {
    const problem = { code: 'portal.duplicate-login' as const, login: 'a@b.nl', users: ['contact:A', 'contact:B'], message: 'shared' };
    const readiness = packageReadiness('company', companyDetails({ packages: ['pinkweb', 'twinfield'] }), [], [problem]);
    expect(readiness.packages.map((p) => p.ready)).toEqual([false, true]);
    expect(readiness.portal.problems).toEqual([problem]);
  });
});
