import type { Role } from '../access/role';
import type { ClientDetailsChanged } from '../client/client.events';
import type { InvoiceToSet } from '../relations/client-relations.events';
import { registered } from '../testing/client-events';
import {
  approved,
  completeCompanyWwft,
  engagementRecorded,
  fileOf,
  organogramAttached,
  recordedOn,
  statusChanged,
  wwftRecorded,
} from '../testing/acceptance-events';
import { type ChangeClientStatus, decideChangeClientStatus, type StatusDecisionContext } from './change-client-status.decide';

const C = 'c1';
const APPROVER = 'key:approver';
const now = new Date('2026-11-20T10:00:00Z');
const as = (roles: Role[], id = 'key:actor', approverRoles?: Role[]): StatusDecisionContext => ({
  now,
  actor: { id, roles },
  ...(approverRoles ? { approverRoles } : {}),
});
const relatiebeheer = as(['relatiebeheer']);
const centraleAdministratie = as(['centrale-administratie']);
const to = (status: string, extra: Partial<ChangeClientStatus['data']> = {}): ChangeClientStatus => ({
  type: 'ChangeClientStatus',
  data: { clientId: C, to: status, ...extra },
});
const refusedWith = (code: string, extra: object = {}) => expect.objectContaining({ code, ...extra });

const requested = [registered(C), statusChanged(C, 'Prospect', 'Klantaanvraag')];
const pending = [...requested, statusChanged(C, 'Klantaanvraag', 'Ter goedkeuring', { approverId: APPROVER })];
const dossierDone = [wwftRecorded(C, completeCompanyWwft()), organogramAttached(C), engagementRecorded(C)];
const ready = [...pending, ...dossierDone, approved(C, APPROVER)];
const klant = [...ready, statusChanged(C, 'Ter goedkeuring', 'Klant')];

describe('the acceptance workflow', () => {
  describe('given a Prospect', () => {
    it('when relation management asks for Klantaanvraag, then the status changes', () => {
      expect(decideChangeClientStatus(to('Klantaanvraag'), fileOf(registered(C)), relatiebeheer)).toEqual([
        statusChanged(C, 'Prospect', 'Klantaanvraag'),
      ]);
    });
    it('when Klant is asked for directly, then it is refused naming the allowed step', () => {
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(registered(C)), centraleAdministratie)).toThrow(
        refusedWith('acceptance.transition-not-allowed', { details: { from: 'Prospect', to: 'Klant', allowed: ['Klantaanvraag'] } }),
      );
    });
    it('when an auditor asks for Klantaanvraag, then it is forbidden', () => {
      expect(() => decideChangeClientStatus(to('Klantaanvraag'), fileOf(registered(C)), as(['auditor']))).toThrow(
        refusedWith('acceptance.role-required', { kind: 'forbidden' }),
      );
    });
    it('when an unknown status is asked for, then it is a validation error', () => {
      expect(() => decideChangeClientStatus(to('klant'), fileOf(registered(C)), relatiebeheer)).toThrow(
        refusedWith('validation-failed'),
      );
    });
  });

  describe('given a Klantaanvraag', () => {
    it('when approval is requested from a klantgoedkeurder, then it is Ter goedkeuring naming the approver', () => {
      const context = as(['relatiebeheer'], 'key:actor', ['klantgoedkeurder']);
      expect(decideChangeClientStatus(to('Ter goedkeuring', { approverId: APPROVER }), fileOf(...requested), context)).toEqual([
        statusChanged(C, 'Klantaanvraag', 'Ter goedkeuring', { approverId: APPROVER }),
      ]);
    });
    it('when no approver is named, then it is refused', () => {
      expect(() => decideChangeClientStatus(to('Ter goedkeuring'), fileOf(...requested), relatiebeheer)).toThrow(
        refusedWith('validation-failed'),
      );
    });
    it.each([
      ['unknown', undefined],
      ['not-klantgoedkeurder', ['relatiebeheer'] as Role[]],
    ])('when the approver is %s, then it is refused', (reason, approverRoles) => {
      expect(() =>
        decideChangeClientStatus(
          to('Ter goedkeuring', { approverId: APPROVER }),
          fileOf(...requested),
          as(['relatiebeheer'], 'key:actor', approverRoles),
        ),
      ).toThrow(refusedWith('acceptance.approver-not-eligible', { details: { approverId: APPROVER, reason } }));
    });
    it('when central administration asks approval from a klantgoedkeurder, then it is forbidden: relation management requests', () => {
      const context = as(['centrale-administratie'], 'key:actor', ['klantgoedkeurder']);
      expect(() => decideChangeClientStatus(to('Ter goedkeuring', { approverId: APPROVER }), fileOf(...requested), context)).toThrow(
        refusedWith('acceptance.role-required', { kind: 'forbidden', details: { to: 'Ter goedkeuring', requiredRole: 'relatiebeheer' } }),
      );
    });
    it('when the requester names themself, then it is refused (four eyes)', () => {
      const context = as(['relatiebeheer', 'klantgoedkeurder'], APPROVER, ['relatiebeheer', 'klantgoedkeurder']);
      expect(() => decideChangeClientStatus(to('Ter goedkeuring', { approverId: APPROVER }), fileOf(...requested), context)).toThrow(
        refusedWith('acceptance.approver-not-eligible', { details: { approverId: APPROVER, reason: 'self' } }),
      );
    });
  });

  describe('given a request Ter goedkeuring', () => {
    it('when everything is in place, then central administration sets Klant', () => {
      expect(decideChangeClientStatus(to('Klant'), fileOf(...ready), centraleAdministratie)).toEqual([
        statusChanged(C, 'Ter goedkeuring', 'Klant'),
      ]);
    });
    it('when its invoices go to a client the hours package does not have, then Klant is refused naming it', () => {
      const withHours = registered(C);
      withHours.data.details = { ...withHours.data.details, packages: ['twinfield', 'qicsmilestones'] };
      const file = fileOf(withHours, ...ready.slice(1));
      const elsewhere = { clientNumber: '20010', packages: ['twinfield' as const], debtorNumber: '20010' };

      expect(() => decideChangeClientStatus(to('Klant'), { ...file, invoiceTarget: elsewhere }, centraleAdministratie)).toThrow(
        refusedWith('acceptance.not-ready-for-klant', {
          details: expect.objectContaining({ missing: [expect.objectContaining({ item: 'packages.qicsmilestones.invoiceTo' })] }),
        }),
      );
      // While a target the hours package has (with its debtor number) lets it through
      const there = { ...file, invoiceTarget: { ...elsewhere, packages: ['qicsmilestones' as const] } };
      expect(decideChangeClientStatus(to('Klant'), there, centraleAdministratie)).toEqual([statusChanged(C, 'Ter goedkeuring', 'Klant')]);
    });
    it('when relation management sets Klant, then it is forbidden', () => {
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...ready), relatiebeheer)).toThrow(
        refusedWith('acceptance.role-required', { details: { to: 'Klant', requiredRole: 'centrale-administratie' } }),
      );
    });
    it('when nothing but the request is there, then every missing item is listed at once', () => {
      const registeredWithoutDebtor = registered(C);
      registeredWithoutDebtor.data.details = { ...registeredWithoutDebtor.data.details, debtorNumber: undefined };
      const file = fileOf(registeredWithoutDebtor, ...pending.slice(1));
      let error: { code?: string; details?: { missing: { item: string }[] } } = {};
      try {
        decideChangeClientStatus(to('Klant'), file, centraleAdministratie);
      } catch (caught) {
        error = caught as typeof error;
      }
      expect(error.code).toBe('acceptance.not-ready-for-klant');
      expect(error.details?.missing.map((m) => m.item)).toEqual(['approval', 'wwft', 'engagements', 'packages.twinfield.debtorNumber']);
    });
    it('when the Wwft registration lacks parts, then each part is named', () => {
      const partial = completeCompanyWwft({ purpose: undefined, risk: { class: 'low' }, uboRegisterExtract: undefined });
      const file = fileOf(...pending, wwftRecorded(C, partial), organogramAttached(C), engagementRecorded(C), approved(C, APPROVER));
      expect(() => decideChangeClientStatus(to('Klant'), file, centraleAdministratie)).toThrow(
        expect.objectContaining({
          details: expect.objectContaining({
            missing: [
              expect.objectContaining({ item: 'wwft.uboRegisterExtract' }),
              expect.objectContaining({ item: 'wwft.purpose' }),
              expect.objectContaining({ item: 'wwft.risk.motivation' }),
            ],
          }),
        }),
      );
    });
    it('when the Wwft registration is past its review date, then it is refused as expired', () => {
      const expired = [...pending, wwftRecorded(C, completeCompanyWwft(), '2022-01-01', '2025-01-01'), organogramAttached(C), engagementRecorded(C), approved(C, APPROVER)];
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...expired), centraleAdministratie)).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ missing: [expect.objectContaining({ item: 'wwft.review' })] }) }),
      );
    });
    it('when the approval is still open, then only the approval is missing', () => {
      const unapproved = ready.filter((event) => event.type !== 'ClientApproved');
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...unapproved), centraleAdministratie)).toThrow(
        expect.objectContaining({
          details: expect.objectContaining({ missing: [{ item: 'approval', message: `the acceptance request has not been approved by ${APPROVER}` }] }),
        }),
      );
    });
    it.each([
      ['Wwft registration', wwftRecorded(C, completeCompanyWwft({ purpose: 'Only the annual accounts' }))],
      ['engagement', engagementRecorded(C, 'Loonadministratie', 'e2')],
      ['dossier document', organogramAttached(C)],
      ['invoice-to', { type: 'InvoiceToSet', data: { clientId: C, invoiceToId: 'c2' } } satisfies InvoiceToSet],
    ])('when the %s changes after the approval, then the approval is withdrawn and Klant is refused until it is given again', (name, change) => {
      const changed = [...ready, change];
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...changed), centraleAdministratie)).toThrow(
        refusedWith('acceptance.not-ready-for-klant', {
          details: expect.objectContaining({
            missing: [{ item: 'approval', message: `the file changed after ${APPROVER} approved it (${name}); it needs their approval again` }],
          }),
        }),
      );
      expect(decideChangeClientStatus(to('Klant'), fileOf(...changed, approved(C, APPROVER)), centraleAdministratie)).toEqual([
        statusChanged(C, 'Ter goedkeuring', 'Klant'),
      ]);
    });
    it('when the card changes after the approval, then the approval is withdrawn too', () => {
      const details = registered(C).data.details;
      const changed: ClientDetailsChanged = { type: 'ClientDetailsChanged', data: { clientId: C, details: { ...details, searchName: 'OTHER' }, changedFields: ['searchName'] } };
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...ready, changed), centraleAdministratie)).toThrow(
        refusedWith('acceptance.not-ready-for-klant', {
          details: expect.objectContaining({ missing: [expect.objectContaining({ item: 'approval', message: expect.stringContaining('(client details)') })] }),
        }),
      );
    });
    it('when the same approver is asked again, then nothing changes; another approver is refused', () => {
      expect(decideChangeClientStatus(to('Ter goedkeuring', { approverId: APPROVER }), fileOf(...pending), relatiebeheer)).toEqual([]);
      expect(decideChangeClientStatus(to('Ter goedkeuring', { approverId: ` ${APPROVER} ` }), fileOf(...pending), relatiebeheer)).toEqual([]);
      expect(() =>
        decideChangeClientStatus(to('Ter goedkeuring', { approverId: 'key:other' }), fileOf(...pending), relatiebeheer),
      ).toThrow(refusedWith('acceptance.transition-not-allowed', { details: { from: 'Ter goedkeuring', to: 'Ter goedkeuring', allowed: ['Klant', 'Klantaanvraag'] } }));
    });
    it('when relation management withdraws the request with a reason, then it is Klantaanvraag again, and a new request names another approver', () => {
      const withdrawn = decideChangeClientStatus(to('Klantaanvraag', { reason: 'approver left the firm' }), fileOf(...ready), relatiebeheer);
      expect(withdrawn).toEqual([statusChanged(C, 'Ter goedkeuring', 'Klantaanvraag', { reason: 'approver left the firm' })]);

      const asked = decideChangeClientStatus(
        to('Ter goedkeuring', { approverId: 'key:other' }),
        fileOf(...ready, ...withdrawn),
        as(['relatiebeheer'], 'key:actor', ['klantgoedkeurder']),
      );
      expect(asked).toEqual([statusChanged(C, 'Klantaanvraag', 'Ter goedkeuring', { approverId: 'key:other' })]);
      // The approval given before went with the withdrawn request
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...ready, ...withdrawn, ...asked), centraleAdministratie)).toThrow(
        refusedWith('acceptance.not-ready-for-klant', {
          details: expect.objectContaining({ missing: [{ item: 'approval', message: 'the acceptance request has not been approved by key:other' }] }),
        }),
      );
    });
    it('when the request is withdrawn without a reason, or by central administration, then it is refused', () => {
      expect(() => decideChangeClientStatus(to('Klantaanvraag'), fileOf(...pending), relatiebeheer)).toThrow(
        refusedWith('validation-failed', { violations: [{ field: 'reason', message: 'withdrawing a request for approval needs a reason' }] }),
      );
      expect(() => decideChangeClientStatus(to('Klantaanvraag', { reason: 'x' }), fileOf(...pending), centraleAdministratie)).toThrow(
        refusedWith('acceptance.role-required', { details: { to: 'Klantaanvraag', requiredRole: 'relatiebeheer' } }),
      );
    });
    it('when Afgewezen is asked through the status, then it is refused: only the approver rejects', () => {
      expect(() => decideChangeClientStatus(to('Afgewezen'), fileOf(...pending), centraleAdministratie)).toThrow(
        refusedWith('acceptance.transition-not-allowed', { message: expect.stringContaining('named approver rejecting') }),
      );
    });
  });

  describe('given a Klant', () => {
    it('when ended with an end date, then it is Geen klant meer with the retention dates', () => {
      expect(decideChangeClientStatus(to('Geen klant meer', { endDate: '2026-11-15', reason: 'moved' }), fileOf(...klant), centraleAdministratie)).toEqual([
        statusChanged(C, 'Klant', 'Geen klant meer', {
          endDate: '2026-11-15',
          reason: 'moved',
          retention: { wwftUntil: '2031-11-15', fiscalUntil: '2033-11-15' },
        }),
      ]);
    });
    describe('the end date, which starts the retention clocks', () => {
      const klantOn = (day: string) => [...ready, recordedOn(statusChanged(C, 'Ter goedkeuring', 'Klant'), day)];

      it('when it lies before the day the client became Klant, then it is refused: the data would be erasable at once', () => {
        for (const endDate of ['2019-01-01', '2026-11-09']) {
          expect(() => decideChangeClientStatus(to('Geen klant meer', { endDate }), fileOf(...klantOn('2026-11-10')), centraleAdministratie)).toThrow(
            refusedWith('acceptance.end-date-before-klant', { details: { endDate, klantSince: '2026-11-10' } }),
          );
        }
      });
      it('when Klant was asked for a moment before midnight and recorded after it, then the day it was asked for counts', () => {
        // 23:59:59 in Amsterdam on 10 November, recorded at 00:00:01 on the 11th
        const askedLate = { ...statusChanged(C, 'Ter goedkeuring', 'Klant'), recordedAt: new Date('2026-11-10T23:00:01Z'), metadata: { requestedAt: '2026-11-10T22:59:59Z' } };

        expect(decideChangeClientStatus(to('Geen klant meer', { endDate: '2026-11-10' }), fileOf(...ready, askedLate), centraleAdministratie)).toEqual([
          expect.objectContaining({ data: expect.objectContaining({ to: 'Geen klant meer', endDate: '2026-11-10' }) }),
        ]);
      });
      it('when it lies more than a year ahead (an open-ended placeholder), then it is refused: the retention dates would leave the calendar', () => {
        for (const endDate of ['2027-11-21', '9999-12-31']) {
          expect(() => decideChangeClientStatus(to('Geen klant meer', { endDate }), fileOf(...klantOn('2026-11-10')), centraleAdministratie)).toThrow(
            refusedWith('acceptance.end-date-too-far-ahead', { details: { endDate, latest: '2027-11-20' } }),
          );
        }
      });
      it.each([['2026-11-10'], ['2026-11-20'], ['2026-12-31'], ['2027-11-20']])(
        'when it is %s (the day it became Klant, today, an end already agreed, a year ahead), then the client is ended',
        (endDate) => {
          expect(decideChangeClientStatus(to('Geen klant meer', { endDate }), fileOf(...klantOn('2026-11-10')), centraleAdministratie)).toEqual([
            expect.objectContaining({ data: expect.objectContaining({ to: 'Geen klant meer', endDate }) }),
          ]);
        },
      );
    });
    it('when ended without an end date, then it is refused', () => {
      expect(() => decideChangeClientStatus(to('Geen klant meer'), fileOf(...klant), centraleAdministratie)).toThrow(
        refusedWith('validation-failed'),
      );
    });
    it('given it ended, when ended again with the same date, then nothing changes; another date is refused', () => {
      const ended = [...klant, statusChanged(C, 'Klant', 'Geen klant meer', { endDate: '2026-12-31', retention: { wwftUntil: '2031-12-31', fiscalUntil: '2033-12-31' } })];
      expect(decideChangeClientStatus(to('Geen klant meer', { endDate: '2026-12-31' }), fileOf(...ended), centraleAdministratie)).toEqual([]);
      expect(() => decideChangeClientStatus(to('Geen klant meer', { endDate: '2027-01-31' }), fileOf(...ended), centraleAdministratie)).toThrow(
        refusedWith('acceptance.transition-not-allowed'),
      );
    });
    it('when relation management ends it, then it is forbidden: central administration ends relationships', () => {
      expect(() => decideChangeClientStatus(to('Geen klant meer', { endDate: '2026-12-31' }), fileOf(...klant), relatiebeheer)).toThrow(
        refusedWith('acceptance.role-required', { kind: 'forbidden', details: { to: 'Geen klant meer', requiredRole: 'centrale-administratie' } }),
      );
    });
    describe('when Klant is sent again', () => {
      it('by central administration, then nothing is written', () => {
        expect(decideChangeClientStatus(to('Klant'), fileOf(...klant), centraleAdministratie)).toEqual([]);
      });
      it('by relation management, then it is forbidden: a repeat is no way around the role', () => {
        expect(() => decideChangeClientStatus(to('Klant'), fileOf(...klant), relatiebeheer)).toThrow(
          refusedWith('acceptance.role-required', { kind: 'forbidden', details: { to: 'Klant', requiredRole: 'centrale-administratie' } }),
        );
      });
    });
    it('when sent back to Klantaanvraag, then it is refused naming Geen klant meer', () => {
      expect(() => decideChangeClientStatus(to('Klantaanvraag'), fileOf(...klant), relatiebeheer)).toThrow(
        refusedWith('acceptance.transition-not-allowed', { details: { from: 'Klant', to: 'Klantaanvraag', allowed: ['Geen klant meer'] } }),
      );
    });
  });

  describe('given an ended or rejected client', () => {
    it.each([
      ['Geen klant meer', [...klant, statusChanged(C, 'Klant', 'Geen klant meer', { endDate: '2026-12-31' })]],
      ['Afgewezen', [...pending, statusChanged(C, 'Ter goedkeuring', 'Afgewezen', { reason: 'no' })]],
    ])('when %s is left, then it is refused: it is final', (status, events) => {
      expect(() => decideChangeClientStatus(to('Klant'), fileOf(...events), centraleAdministratie)).toThrow(
        refusedWith('acceptance.transition-not-allowed', { details: { from: status, to: 'Klant', allowed: [] } }),
      );
    });
  });

  describe('given a field that belongs to another step', () => {
    const approverElsewhere = { field: 'approverId', message: 'approverId is only given with the step to Ter goedkeuring' };
    const endDateElsewhere = { field: 'endDate', message: 'endDate is only given with the step to Geen klant meer' };
    const refusedNaming = (...violations: object[]) => expect.objectContaining({ code: 'validation-failed', violations });

    it('when a Prospect asks for Klantaanvraag naming an approver, then it is refused naming approverId', () => {
      expect(() => decideChangeClientStatus(to('Klantaanvraag', { approverId: APPROVER }), fileOf(registered(C)), relatiebeheer)).toThrow(
        refusedNaming(approverElsewhere),
      );
    });

    it.each([
      ['Klantaanvraag', [registered(C)], relatiebeheer],
      ['Klant', ready, centraleAdministratie],
      ['Afgewezen', pending, as(['klantgoedkeurder'])],
      ['Ter goedkeuring', requested, as(['relatiebeheer'], 'key:actor', ['klantgoedkeurder'])],
    ] as const)('when the step to %s carries an end date, then it is refused naming endDate', (status, events, context) => {
      const extra = status === 'Ter goedkeuring' ? { approverId: APPROVER } : {};
      expect(() => decideChangeClientStatus(to(status, { ...extra, endDate: '2026-12-31' }), fileOf(...events), context)).toThrow(
        refusedNaming(endDateElsewhere),
      );
    });

    it('when the step to Klant carries both, then both are named at once', () => {
      expect(() => decideChangeClientStatus(to('Klant', { approverId: APPROVER, endDate: '2026-12-31' }), fileOf(...ready), centraleAdministratie)).toThrow(
        refusedNaming(approverElsewhere, endDateElsewhere),
      );
    });

    it('when Geen klant meer names an approver, then it is refused naming approverId', () => {
      expect(() =>
        decideChangeClientStatus(to('Geen klant meer', { endDate: '2026-12-31', approverId: APPROVER }), fileOf(...klant), centraleAdministratie),
      ).toThrow(refusedNaming(approverElsewhere));
    });

    it('when a step already taken is resent with a field of another step, then it is refused too: it is not a repeat', () => {
      expect(() => decideChangeClientStatus(to('Klantaanvraag', { approverId: APPROVER }), fileOf(...requested), relatiebeheer)).toThrow(
        refusedNaming(approverElsewhere),
      );
    });
  });

  it('given no client, when a status is set, then it is not found', () => {
    expect(() => decideChangeClientStatus(to('Klantaanvraag'), fileOf(), relatiebeheer)).toThrow(refusedWith('client.not-found'));
  });

  it('given an admin, when any step is taken, then the admin acts in its role', () => {
    expect(decideChangeClientStatus(to('Klant'), fileOf(...ready), as(['admin']))).toHaveLength(1);
  });
});
