import { ClientNotFound } from '../client/client.errors';
import type { ClusterHeadDesignated } from '../client/client.events';
import type { ClientState } from '../client/client.state';
import { AlreadyClusterHead, MemberCannotBeHead } from './cluster.errors';

export interface DesignateClusterHead {
  type: 'DesignateClusterHead';
  data: { clientId: string };
}

/** Is clusterhoofd = Ja: any client that is neither a head nor a member. */
export function decideDesignateClusterHead(command: DesignateClusterHead, state: ClientState): ClusterHeadDesignated[] {
  const { clientId } = command.data;
  if (!state.exists) throw new ClientNotFound(clientId);
  if (state.cluster.role === 'head') throw new AlreadyClusterHead(clientId);
  if (state.cluster.role === 'member') throw new MemberCannotBeHead(clientId, state.cluster.headId);
  return [{ type: 'ClusterHeadDesignated', data: { clientId } }];
}
