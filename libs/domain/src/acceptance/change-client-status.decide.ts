import { type Actor, actsAs, type Role } from '../access/role';
import { ClientNotFound } from '../client/client.errors';
import { CLIENT_STATUSES, type ClientStatus } from '../client/client-status';
import type { ClientStatusChanged } from '../client/client.events';
import type { ClientState } from '../client/client.state';
import type { DossierState } from '../dossier/dossier.state';
import { addYears, calendarDateOf, isCalendarDate } from '../shared/calendar-date';
import type { DecisionContext } from '../shared/command-metadata';
import { type FieldViolation, ValidationFailed } from '../shared/domain-error';
import {
  ApproverNotEligible,
  EndDateBeforeKlant,
  EndDateTooFarAhead,
  NotReadyForKlant,
  RoleMayNotSetStatus,
  TransitionNotAllowed,
} from './acceptance.errors';
import type { AcceptanceState } from './acceptance.state';
import { missingForKlant } from './klant-gates';
import type { InvoiceTarget } from '../packages/package-readiness';
import { retentionFrom } from './retention';
import { ROLE_FOR_STATUS, STATUS_TRANSITIONS } from './status-transitions';

export interface ChangeClientStatus {
  type: 'ChangeClientStatus';
  data: { clientId: string; to: string; approverId?: string; endDate?: string; reason?: string };
}

export interface StatusDecisionContext extends DecisionContext {
  actor: Actor;
  /** Roles of the approver the request names, looked up by the shell; undefined when unknown. */
  approverRoles?: readonly Role[];
}

export interface ClientFile {
  client: ClientState;
  dossier: DossierState;
  acceptance: AcceptanceState;
  /** The client its invoices go to, when another one; the shell looks it up for the step to Klant. */
  invoiceTarget?: InvoiceTarget;
}

/**
 * One step of the acceptance workflow: Prospect → Klantaanvraag → Ter goedkeuring → Klant, and
 * Klant → Geen klant meer; a request Ter goedkeuring may be withdrawn to Klantaanvraag. Asking
 * again for the step a client already took changes nothing.
 */
export function decideChangeClientStatus(
  command: ChangeClientStatus,
  file: ClientFile,
  context: StatusDecisionContext,
): ClientStatusChanged[] {
  const { clientId, to } = command.data;
  const client = file.client;
  if (!client.exists) throw new ClientNotFound(clientId);
  if (!isStatus(to)) {
    throw new ValidationFailed([{ field: 'to', message: `to must be one of ${CLIENT_STATUSES.join(', ')}` }]);
  }
  const stray = fieldsOfAnotherStep(command.data, to);
  if (stray.length > 0) throw new ValidationFailed(stray);
  // The role comes before the no-op: a repeat must not answer success to someone who may not take the step.
  const role = ROLE_FOR_STATUS[to];
  if (role && !actsAs(context.actor, [role])) throw new RoleMayNotSetStatus(to, role);
  const allowed = STATUS_TRANSITIONS[client.status];
  if (to === client.status) {
    // A resent step is a no-op; the same status with another approver or end date is a new step, not allowed.
    if (isRepeat(command, file)) return [];
    throw new TransitionNotAllowed(client.status, to, allowed);
  }
  if (!allowed.includes(to)) throw new TransitionNotAllowed(client.status, to, allowed);

  const changed = { clientId, from: client.status, to };
  const reason = command.data.reason?.trim() ? { reason: command.data.reason.trim() } : {};
  switch (to) {
    case 'Ter goedkeuring':
      return [{ type: 'ClientStatusChanged', data: { ...changed, approverId: eligibleApprover(command, context), ...reason } }];
    case 'Klant': {
      const missing = missingForKlant(client, file.dossier, file.acceptance, context.now, { invoiceTo: file.invoiceTarget });
      if (missing.length > 0) throw new NotReadyForKlant(clientId, missing);
      return [{ type: 'ClientStatusChanged', data: { ...changed, ...reason } }];
    }
    case 'Klantaanvraag':
      if (client.status === 'Ter goedkeuring' && !reason.reason) {
        throw new ValidationFailed([{ field: 'reason', message: 'withdrawing a request for approval needs a reason' }]);
      }
      return [{ type: 'ClientStatusChanged', data: { ...changed, ...reason } }];
    case 'Geen klant meer':
      return [{ type: 'ClientStatusChanged', data: { ...changed, ...ended(command, file.acceptance, context.now), ...reason } }];
    default:
      return [{ type: 'ClientStatusChanged', data: { ...changed, ...reason } }];
  }
}

/**
 * An approver or end date sent with a step that takes none would be dropped without a word, and
 * the user would believe it recorded (e.g. an approver named already at Klantaanvraag).
 */
function fieldsOfAnotherStep(data: ChangeClientStatus['data'], to: ClientStatus): FieldViolation[] {
  return [
    ...(data.approverId !== undefined && to !== 'Ter goedkeuring'
      ? [{ field: 'approverId', message: 'approverId is only given with the step to Ter goedkeuring' }]
      : []),
    ...(data.endDate !== undefined && to !== 'Geen klant meer'
      ? [{ field: 'endDate', message: 'endDate is only given with the step to Geen klant meer' }]
      : []),
  ];
}

function isRepeat(command: ChangeClientStatus, file: ClientFile): boolean {
  const { to, approverId, endDate } = command.data;
  // Compared as recorded: trimmed (a pasted id brings spaces).
  if (to === 'Ter goedkeuring') return approverId === undefined || approverId.trim() === file.acceptance.request?.approverId;
  if (to === 'Geen klant meer') return endDate === undefined || endDate === file.acceptance.ended?.endDate;
  return true;
}

function isStatus(value: string): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value);
}

/** Klant aanvragen names a klantgoedkeurder other than the requester (four eyes). */
function eligibleApprover(command: ChangeClientStatus, context: StatusDecisionContext): string {
  const approverId = command.data.approverId?.trim();
  if (!approverId) {
    throw new ValidationFailed([{ field: 'approverId', message: 'a request for approval names the approver (approverId)' }]);
  }
  if (!context.approverRoles) throw new ApproverNotEligible(approverId, 'unknown');
  if (!context.approverRoles.includes('klantgoedkeurder')) throw new ApproverNotEligible(approverId, 'not-klantgoedkeurder');
  if (approverId === context.actor.id) throw new ApproverNotEligible(approverId, 'self');
  return approverId;
}

/**
 * The end date starts the retention clocks, so it may not lie before the day the client became
 * Klant: a date back in time would make the data erasable at once. A date ahead is an end already
 * agreed (time travel `asOf` shows the client as Klant until then), a year ahead at most: a
 * placeholder such as 9999-12-31 would put the clocks past the calendar's last year, where the
 * retention dates no longer compare as dates.
 */
function ended(command: ChangeClientStatus, acceptance: AcceptanceState, now: Date): Pick<ClientStatusChanged['data'], 'endDate' | 'retention'> {
  const endDate = command.data.endDate;
  if (!isCalendarDate(endDate)) {
    throw new ValidationFailed([{ field: 'endDate', message: 'Geen klant meer needs an endDate as YYYY-MM-DD' }]);
  }
  if (acceptance.klantSince !== undefined && endDate < acceptance.klantSince) throw new EndDateBeforeKlant(endDate, acceptance.klantSince);
  const latest = addYears(calendarDateOf(now), 1);
  if (endDate > latest) throw new EndDateTooFarAhead(endDate, latest);
  return { endDate, retention: retentionFrom(endDate) };
}
