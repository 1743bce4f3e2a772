import { DomainError } from '../shared/domain-error';

export class InvalidPercentage extends DomainError {
  constructor(percent: number) {
    super('ownership.invalid-percentage', 'validation', `percent must be more than 0 and at most 100, not ${percent}`, {
      percent,
    });
  }
}

export class OwnershipCycle extends DomainError {
  constructor(ownerId: string, ownedId: string, path: string[]) {
    super(
      'ownership.cycle',
      'rule',
      `${ownerId} cannot own ${ownedId}: ${ownedId} already owns ${ownerId} (${path.join(' ← ')})`,
      { ownerId, ownedId, path },
    );
  }
}

export class OwnershipOver100 extends DomainError {
  constructor(ownedId: string, currentTotal: number, percent: number) {
    super(
      'ownership.over-100',
      'rule',
      `${ownedId} is already ${currentTotal} % owned; another ${percent} % would exceed 100 %`,
      { ownedId, currentTotal, percent },
    );
  }
}

export class OwnershipExists extends DomainError {
  constructor(ownerId: string, ownedId: string, ownershipId: string) {
    super('ownership.already-recorded', 'conflict', `${ownerId} already owns part of ${ownedId}; remove that link first`, {
      ownerId,
      ownedId,
      ownershipId,
    });
  }
}

export class PersonCannotBeOwned extends DomainError {
  constructor(clientId: string) {
    super('ownership.person-cannot-be-owned', 'rule', `client ${clientId} is a natural person and cannot be owned`, {
      clientId,
    });
  }
}

export class OwnershipNotFound extends DomainError {
  constructor(ownershipId: string) {
    super('ownership.not-found', 'not-found', `ownership ${ownershipId} does not exist`, { ownershipId });
  }
}
