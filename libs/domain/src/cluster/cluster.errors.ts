import { DomainError } from '../shared/domain-error';

export class AlreadyClusterHead extends DomainError {
  constructor(clientId: string) {
    super('cluster.already-head', 'rule', `client ${clientId} is already a cluster head`, { clientId });
  }
}

export class MemberCannotBeHead extends DomainError {
  constructor(clientId: string, headId: string) {
    super(
      'cluster.member-cannot-be-head',
      'rule',
      `client ${clientId} is a member of the cluster of ${headId}; detach it before making it a head`,
      { clientId, headId },
    );
  }
}

export class NotAClusterHead extends DomainError {
  constructor(clientId: string) {
    super('cluster.not-a-head', 'rule', `client ${clientId} is not a cluster head`, { clientId });
  }
}

export class HeadCannotBeMember extends DomainError {
  constructor(clientId: string) {
    super(
      'cluster.head-cannot-be-member',
      'rule',
      `client ${clientId} is a cluster head; a head is never a member of another cluster`,
      { clientId },
    );
  }
}

/** A conflict rather than a rule: the client is taken by another head, typically by a concurrent user. */
export class MemberOfAnotherCluster extends DomainError {
  constructor(clientId: string, headId: string, headClientNumber?: string) {
    super(
      'cluster.member-of-another-head',
      'conflict',
      `client ${clientId} is already a member of the cluster of ${headClientNumber ? `${headClientNumber} (${headId})` : headId}; ` +
        'a member is in at most one cluster',
      { clientId, headId, headClientNumber },
    );
  }
}

export class CannotJoinOwnCluster extends DomainError {
  constructor(clientId: string) {
    super('cluster.self-membership', 'rule', `client ${clientId} cannot be a member of its own cluster`, { clientId });
  }
}

export class NotAClusterMember extends DomainError {
  constructor(clientId: string) {
    super('cluster.not-a-member', 'rule', `client ${clientId} is not a member of any cluster`, { clientId });
  }
}

export class HeadHasMembers extends DomainError {
  constructor(clientId: string, memberIds: string[]) {
    super(
      'cluster.head-has-members',
      'rule',
      `cluster head ${clientId} still has ${memberIds.length} member(s); detach every member before revoking the head`,
      { clientId, memberIds },
    );
  }
}
