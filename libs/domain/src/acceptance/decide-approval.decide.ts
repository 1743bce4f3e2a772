import { type Actor } from '../access/role';
import { ClientNotFound } from '../client/client.errors';
import type { ClientStatusChanged } from '../client/client.events';
import type { ClientState, RegisteredClient } from '../client/client.state';
import { dependantsLosingTheirTarget, InvoiceTargetStillNeeded } from '../packages/invoice-target-needs';
import { ValidationFailed } from '../shared/domain-error';
import type { ClientApproved } from './acceptance.events';
import { NoPendingRequest, NotTheApprover } from './acceptance.errors';
import type { AcceptanceState } from './acceptance.state';

export interface DecideApproval {
  type: 'DecideApproval';
  data: { clientId: string; decision: 'approved' | 'rejected'; reason?: string };
}

export interface ApprovalContext {
  actor: Actor;
  /** The clients whose invoices go to this one: a rejection must not strand those the packages hold. */
  invoicedBy?: readonly RegisteredClient[];
}

/**
 * The named approver's decision on a request `Ter goedkeuring`. Approving records the approval
 * (the status is set to Klant by central administration); rejecting ends in Afgewezen with a reason.
 * A rejected client never reaches a package, so it cannot be rejected while a client the packages
 * hold invoices to it in the hours package: that client's pushes would wait for it for good.
 */
export function decideApproval(
  command: DecideApproval,
  client: ClientState,
  acceptance: AcceptanceState,
  context: ApprovalContext,
): Array<ClientApproved | ClientStatusChanged> {
  const { clientId, decision } = command.data;
  if (!client.exists) throw new ClientNotFound(clientId);
  const request = acceptance.request;
  if (client.status !== 'Ter goedkeuring' || !request) throw new NoPendingRequest(clientId, client.status);
  // Only the named person decides, and only while they still hold the role.
  if (context.actor.id !== request.approverId || !context.actor.roles.includes('klantgoedkeurder')) {
    throw new NotTheApprover(clientId, request.approverId);
  }
  const reason = command.data.reason?.trim();
  if (decision === 'approved') {
    // A reason given with an approval is recorded with it, never dropped without a word.
    return request.approved ? [] : [{ type: 'ClientApproved', data: { clientId, approverId: request.approverId, ...(reason ? { reason } : {}) } }];
  }
  if (decision !== 'rejected') {
    throw new ValidationFailed([{ field: 'decision', message: 'decision must be approved or rejected' }]);
  }
  if (!reason) throw new ValidationFailed([{ field: 'reason', message: 'a rejection needs a reason' }]);
  // An ended dependant's pushes keep whatever invoicing agreement the package has: nothing waits.
  const klanten = (context.invoicedBy ?? []).filter((dependant) => dependant.status === 'Klant');
  const stranded = dependantsLosingTheirTarget(client, { status: 'Afgewezen' }, klanten);
  if (stranded.length > 0) throw new InvoiceTargetStillNeeded(client, stranded, 'cannot be rejected while others invoice to it');
  return [
    {
      type: 'ClientStatusChanged',
      data: { clientId, from: 'Ter goedkeuring', to: 'Afgewezen', approverId: request.approverId, reason },
    },
  ];
}
