import { ClientNotFound } from '../client/client.errors';
import type { ClusterMemberAdded, JoinedCluster } from '../client/client.events';
import type { ClientState } from '../client/client.state';
import { CannotJoinOwnCluster, HeadCannotBeMember, MemberOfAnotherCluster, NotAClusterHead } from './cluster.errors';

export interface AttachClusterMember {
  type: 'AttachClusterMember';
  data: { memberId: string; headId: string };
}

/**
 * Kies clusterhoofd: decided over both clients, so the caller appends to both streams at their
 * read versions and a concurrent attach or revoke loses with a conflict. Attaching a member to
 * the head it already has changes nothing.
 */
export function decideAttachClusterMember(
  command: AttachClusterMember,
  member: ClientState,
  head: ClientState,
): Array<JoinedCluster | ClusterMemberAdded> {
  const { memberId, headId } = command.data;
  if (!member.exists) throw new ClientNotFound(memberId);
  if (!head.exists) throw new ClientNotFound(headId);
  if (memberId === headId) throw new CannotJoinOwnCluster(memberId);
  if (member.cluster.role === 'head') throw new HeadCannotBeMember(memberId);
  if (member.cluster.role === 'member') {
    if (member.cluster.headId === headId) return [];
    throw new MemberOfAnotherCluster(memberId, member.cluster.headId);
  }
  if (head.cluster.role !== 'head') throw new NotAClusterHead(headId);
  return [
    { type: 'JoinedCluster', data: { clientId: memberId, headId } },
    { type: 'ClusterMemberAdded', data: { clientId: headId, memberId } },
  ];
}
