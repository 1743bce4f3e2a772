import { ClientNotFound } from '../client/client.errors';
import type { ClusterHeadRevoked } from '../client/client.events';
import type { ClientState } from '../client/client.state';
import { HeadHasMembers, NotAClusterHead } from './cluster.errors';

export interface RevokeClusterHead {
  type: 'RevokeClusterHead';
  data: { clientId: string };
}

/** N.v.t.: only a head without members; dissolving a cluster is detach every member, then revoke. */
export function decideRevokeClusterHead(command: RevokeClusterHead, state: ClientState): ClusterHeadRevoked[] {
  const { clientId } = command.data;
  if (!state.exists) throw new ClientNotFound(clientId);
  if (state.cluster.role !== 'head') throw new NotAClusterHead(clientId);
  if (state.cluster.memberIds.length > 0) throw new HeadHasMembers(clientId, state.cluster.memberIds);
  return [{ type: 'ClusterHeadRevoked', data: { clientId } }];
}
