import type { Role } from '../access/role';
import { DomainError } from '../shared/domain-error';
import type { MissingItem } from '../shared/missing-item';

export class TransitionNotAllowed extends DomainError {
  constructor(from: string, to: string, allowed: readonly string[]) {
    const next = allowed.length > 0 ? `from ${from} a client can only go to ${allowed.join(' or ')}` : `${from} is final`;
    const viaApproval = to === 'Afgewezen' ? '; Afgewezen is reached by the named approver rejecting the request' : '';
    super('acceptance.transition-not-allowed', 'rule', `a client cannot go from ${from} to ${to}: ${next}${viaApproval}`, {
      from,
      to,
      allowed: [...allowed],
    });
  }
}

export class RoleMayNotSetStatus extends DomainError {
  constructor(to: string, role: Role) {
    super('acceptance.role-required', 'forbidden', `setting ${to} needs the role ${role}`, { to, requiredRole: role });
  }
}

export class EndDateBeforeKlant extends DomainError {
  constructor(endDate: string, klantSince: string) {
    super('acceptance.end-date-before-klant', 'rule', `the end date ${endDate} lies before ${klantSince}, when the client became Klant`, {
      endDate,
      klantSince,
    });
  }
}

export class EndDateTooFarAhead extends DomainError {
  constructor(endDate: string, latest: string) {
    super('acceptance.end-date-too-far-ahead', 'rule', `the end date ${endDate} lies more than a year ahead; the latest is ${latest}`, {
      endDate,
      latest,
    });
  }
}

export class NotReadyForKlant extends DomainError {
  constructor(clientId: string, missing: MissingItem[]) {
    super(
      'acceptance.not-ready-for-klant',
      'rule',
      `client ${clientId} cannot become Klant yet; missing: ${missing.map((m) => m.item).join(', ')}`,
      { clientId, missing },
    );
  }
}

export class ApproverNotEligible extends DomainError {
  constructor(approverId: string, reason: 'unknown' | 'not-klantgoedkeurder' | 'self') {
    const why = {
      unknown: 'is not a known principal',
      'not-klantgoedkeurder': 'does not have the role klantgoedkeurder',
      self: 'is the one requesting: approval needs another person',
    }[reason];
    super('acceptance.approver-not-eligible', 'rule', `approver ${approverId} ${why}`, { approverId, reason });
  }
}

export class NoPendingRequest extends DomainError {
  constructor(clientId: string, status: string) {
    super('acceptance.no-pending-request', 'rule', `client ${clientId} has no request awaiting approval (status ${status})`, {
      clientId,
      status,
    });
  }
}

export class NotTheApprover extends DomainError {
  constructor(clientId: string, approverId: string) {
    super(
      'acceptance.not-the-approver',
      'forbidden',
      `the acceptance request of client ${clientId} is addressed to ${approverId}; only they can decide on it`,
      { clientId, approverId },
    );
  }
}
