import { DomainError, type FieldViolation, ValidationFailed } from '../shared/domain-error';
import { START_STATUSES } from './client-status';

export class ClientNotFound extends DomainError {
  constructor(clientId: string) {
    super('client.not-found', 'not-found', `client ${clientId} does not exist`, { clientId });
  }
}

export class ClientAlreadyRegistered extends DomainError {
  constructor(clientId: string) {
    super('client.already-registered', 'conflict', `client ${clientId} is already registered`, { clientId });
  }
}

export class StartStatusNotAllowed extends DomainError {
  constructor(status: string) {
    super(
      'client.start-status-not-allowed',
      'rule',
      `a client is registered as ${START_STATUSES.join(' or ')}, not "${status}": ` +
        'Klant is only reached through acceptance, because from Klant on it flows into the packages',
      { requestedStatus: status, allowed: [...START_STATUSES] },
    );
  }
}

export class DuplicateClientNumber extends DomainError {
  constructor(clientNumber: string) {
    super('client.duplicate-client-number', 'conflict', `client number ${clientNumber} is already in use`, {
      clientNumber,
    });
  }
}

export class InvalidClientDetails extends ValidationFailed {
  constructor(violations: FieldViolation[]) {
    super(violations);
  }
}
