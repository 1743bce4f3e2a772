import { DomainError } from '../shared/domain-error';

export class NoWwftRegistration extends DomainError {
  constructor(clientId: string) {
    super('wwft.not-registered', 'rule', `client ${clientId} has no Wwft registration to review yet`, { clientId });
  }
}

export class NoRiskClass extends DomainError {
  constructor(clientId: string) {
    super(
      'wwft.no-risk-class',
      'rule',
      `the Wwft registration of client ${clientId} has no risk class; a review needs one to set the next review date`,
      { clientId },
    );
  }
}
