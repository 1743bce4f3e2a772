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

export class UboNotAPerson extends DomainError {
  constructor(clientId: string, uboIndex: number) {
    super('wwft.ubo-not-a-person', 'rule', `UBO ${uboIndex} names client ${clientId}, a company: a UBO is a natural person`, {
      clientId,
      field: `ubos.${uboIndex}.clientId`,
    });
  }
}
