import type { ClientDetails, ClientKind } from './client-details';
import type { ClientStatus } from './client-status';
import type { ClientEvent } from './client.events';

/** clusterstructuur: where a client stands in a cluster (clusterhoofd, clusterlid or neither). */
export type ClusterPosition =
  | { role: 'none' }
  | { role: 'head'; memberIds: string[] }
  | { role: 'member'; headId: string };

export interface RegisteredClient {
  exists: true;
  id: string;
  kind: ClientKind;
  clientNumber: string;
  /** The numbers it had before it was renumbered, the latest first; never the current one. */
  formerClientNumbers: readonly string[];
  status: ClientStatus;
  details: ClientDetails;
  cluster: ClusterPosition;
}

export type ClientState = { exists: false } | RegisteredClient;

export const initialClientState: ClientState = { exists: false };

export function evolveClient(state: ClientState, event: ClientEvent): ClientState {
  if (event.type === 'ClientRegistered') {
    const { clientId, kind, clientNumber, status, details } = event.data;
    return { exists: true, id: clientId, kind, clientNumber, formerClientNumbers: [], status, details, cluster: { role: 'none' } };
  }
  // Events never precede registration in a stream; ignoring them keeps evolve total.
  if (!state.exists) return state;
  switch (event.type) {
    case 'ClientDetailsChanged':
      return { ...state, details: event.data.details };
    case 'ClientRenumbered': {
      const { from, to } = event.data;
      return { ...state, clientNumber: to, formerClientNumbers: formerNumbersAfter(state.formerClientNumbers, from, to) };
    }
    case 'ClientStatusChanged':
      return { ...state, status: event.data.to };
    case 'ClusterHeadDesignated':
      return { ...state, cluster: { role: 'head', memberIds: [] } };
    case 'ClusterHeadRevoked':
      return { ...state, cluster: { role: 'none' } };
    case 'JoinedCluster':
      return { ...state, cluster: { role: 'member', headId: event.data.headId } };
    case 'LeftCluster':
      return { ...state, cluster: { role: 'none' } };
    case 'ClusterMemberAdded':
      return state.cluster.role === 'head'
        ? { ...state, cluster: { role: 'head', memberIds: [...state.cluster.memberIds, event.data.memberId] } }
        : state;
    case 'ClusterMemberRemoved':
      return state.cluster.role === 'head'
        ? {
            ...state,
            cluster: { role: 'head', memberIds: state.cluster.memberIds.filter((id) => id !== event.data.memberId) },
          }
        : state;
    default: {
      // Exhaustive over ClientEvent; events of other kinds in the same stream leave this state alone.
      const other: never = event;
      void other;
      return state;
    }
  }
}

/** Folds a stream; accepts any event shape, since a client stream may also hold other parts' events. */
export function foldClient(
  events: readonly { type: string; data: object }[],
  state: ClientState = initialClientState,
): ClientState {
  return events.reduce((current, event) => evolveClient(current, event as ClientEvent), state);
}

/** The numbers a client had, the latest first, once it is renumbered `from` → `to` (never its current one). */
export function formerNumbersAfter(former: readonly string[], from: string, to: string): string[] {
  return [from, ...former.filter((number) => number !== from && number !== to)];
}
