import { companyDetails, given, registered } from '../testing/client-events';
import { approved, engagementRecorded, fileOf, statusChanged } from '../testing/acceptance-events';
import type { Actor } from '../access/role';
import { type ApprovalContext, type DecideApproval, decideApproval } from './decide-approval.decide';

const C = 'c1';
const APPROVER = 'key:approver';
const approver: { actor: Actor } = { actor: { id: APPROVER, roles: ['klantgoedkeurder'] } };
const decide = (decision: 'approved' | 'rejected', reason?: string): DecideApproval => ({
  type: 'DecideApproval',
  data: { clientId: C, decision, ...(reason ? { reason } : {}) },
});
const pending = [
  registered(C),
  statusChanged(C, 'Prospect', 'Klantaanvraag'),
  statusChanged(C, 'Klantaanvraag', 'Ter goedkeuring', { approverId: APPROVER }),
];
const run = (command: DecideApproval, events: Parameters<typeof fileOf>, context: ApprovalContext = approver) => {
  const file = fileOf(...events);
  return decideApproval(command, file.client, file.acceptance, context);
};

describe('the approver deciding on a request', () => {
  describe('given a request addressed to the approver', () => {
    it('when approved, then the approval is recorded and the status stays Ter goedkeuring', () => {
      expect(run(decide('approved'), pending)).toEqual([approved(C, APPROVER)]);
    });
    it('when approved with a reason, then the reason is recorded with the approval', () => {
      expect(run(decide('approved', '  ID checked in person '), pending)).toEqual([
        { type: 'ClientApproved', data: { clientId: C, approverId: APPROVER, reason: 'ID checked in person' } },
      ]);
    });
    it('when approved twice, then nothing more is recorded', () => {
      expect(run(decide('approved'), [...pending, approved(C, APPROVER)])).toEqual([]);
    });
    it('when approved again after the file changed since the approval, then the new approval is recorded', () => {
      expect(run(decide('approved'), [...pending, approved(C, APPROVER), engagementRecorded(C)])).toEqual([approved(C, APPROVER)]);
    });
    it('when rejected with a reason, then it is Afgewezen with that reason', () => {
      expect(run(decide('rejected', 'UBO unclear'), pending)).toEqual([
        statusChanged(C, 'Ter goedkeuring', 'Afgewezen', { approverId: APPROVER, reason: 'UBO unclear' }),
      ]);
    });
    it('when rejected without a reason, then it is refused', () => {
      expect(() => run(decide('rejected'), pending)).toThrow(expect.objectContaining({ code: 'validation-failed' }));
    });
    it('when another klantgoedkeurder decides, then it is forbidden', () => {
      const other = { actor: { id: 'key:other', roles: ['klantgoedkeurder' as const] } };
      expect(() => run(decide('approved'), pending, other)).toThrow(
        expect.objectContaining({ code: 'acceptance.not-the-approver', kind: 'forbidden' }),
      );
    });
    it('when the approver no longer holds the role, then it is forbidden', () => {
      const demoted = { actor: { id: APPROVER, roles: ['auditor' as const] } };
      expect(() => run(decide('approved'), pending, demoted)).toThrow(expect.objectContaining({ code: 'acceptance.not-the-approver' }));
    });
  });

  describe('given a request for a client others invoice to', () => {
    const inQics = companyDetails({ debtorNumber: '20010', packages: ['qicsmilestones'] });
    const target = [{ ...registered(C), data: { ...registered(C).data, details: inQics } }, ...pending.slice(1)];
    const invoicing = (...steps: Array<['Prospect' | 'Klantaanvraag' | 'Ter goedkeuring', 'Klantaanvraag' | 'Ter goedkeuring' | 'Klant']>) => {
      const registration = registered('a1', 'company', '20021');
      const state = given(
        { ...registration, data: { ...registration.data, details: companyDetails({ debtorNumber: '20021', packages: ['qicsmilestones'] }) } },
        ...steps.map(([from, to]) => statusChanged('a1', from, to)),
      );
      if (!state.exists) throw new Error('registered above');
      return state;
    };
    const klant = invoicing(['Prospect', 'Klantaanvraag'], ['Klantaanvraag', 'Ter goedkeuring'], ['Ter goedkeuring', 'Klant']);

    it('when a Klant invoices to it in the hours package and it is rejected, then it is refused, naming that client: its pushes would wait for good', () => {
      expect(() => run(decide('rejected', 'UBO unclear'), target, { ...approver, invoicedBy: [klant] })).toThrow(
        expect.objectContaining({
          code: 'invoice-to.target-still-needed',
          kind: 'rule',
          message: expect.stringContaining('cannot be rejected while others invoice to it: 20021 (Klant) invoices to it in qicsmilestones'),
          details: { clientId: C, invoicedBy: [{ clientId: 'a1', clientNumber: '20021', package: 'qicsmilestones' }] },
        }),
      );
    });

    it('when the invoicing client is still in acceptance, then the rejection is recorded (its own Klant will ask again)', () => {
      const requested = invoicing(['Prospect', 'Klantaanvraag']);
      expect(run(decide('rejected', 'UBO unclear'), target, { ...approver, invoicedBy: [requested] })).toHaveLength(1);
    });

    it('when the invoicing client has ended, then the rejection is recorded: its pushes keep the agreement the package has', () => {
      const ended = { ...klant, status: 'Geen klant meer' as const };
      expect(run(decide('rejected', 'UBO unclear'), target, { ...approver, invoicedBy: [ended] })).toHaveLength(1);
    });

    it('when approved, then nothing rests on the invoicing clients', () => {
      expect(run(decide('approved'), target, { ...approver, invoicedBy: [klant] })).toEqual([approved(C, APPROVER)]);
    });
  });

  describe('given no request awaiting approval', () => {
    it('when approved, then it is refused', () => {
      expect(() => run(decide('approved'), [registered(C)])).toThrow(
        expect.objectContaining({ code: 'acceptance.no-pending-request', details: { clientId: C, status: 'Prospect' } }),
      );
    });
  });
});
