import { ClientNotFound } from '../client/client.errors';
import type { ClusterMemberRemoved, LeftCluster } from '../client/client.events';
import type { ClientState } from '../client/client.state';
import { NotAClusterMember } from './cluster.errors';

export interface DetachClusterMember {
  type: 'DetachClusterMember';
  data: { memberId: string };
}

/** los koppelen: the member may join another head right after. */
export function decideDetachClusterMember(
  command: DetachClusterMember,
  member: ClientState,
  head: ClientState,
): Array<LeftCluster | ClusterMemberRemoved> {
  const { memberId } = command.data;
  if (!member.exists) throw new ClientNotFound(memberId);
  if (member.cluster.role !== 'member') throw new NotAClusterMember(memberId);
  const headId = member.cluster.headId;
  if (!head.exists) throw new ClientNotFound(headId);
  return [
    { type: 'LeftCluster', data: { clientId: memberId, headId } },
    { type: 'ClusterMemberRemoved', data: { clientId: headId, memberId } },
  ];
}
