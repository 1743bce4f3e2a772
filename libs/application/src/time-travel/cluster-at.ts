import { type ClientState, clientStream, foldClient } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import { type ClientCard, toClientCard } from '../queries/client-card';
import { eventsAt, type PointInTime } from './point-in-time';

/** A client's card as it stood at a point in time, from its own events. */
export function clientCardFrom(events: readonly RecordedEvent[], point: PointInTime): ClientCard | undefined {
  const then = eventsAt(events, point);
  const state: ClientState = foldClient(then);
  return state.exists ? toClientCard(state, then) : undefined;
}

/** A client's card as it stood at a point in time, computed from its stream alone. */
export async function clientCardAt(store: EventStore, clientId: string, point: PointInTime): Promise<ClientCard | undefined> {
  return clientCardFrom(await store.readStream(clientStream(clientId)), point);
}

export interface ClusterAt {
  head: ClientCard & { selected: boolean };
  members: Array<ClientCard & { selected: boolean }>;
  memberCount: number;
  selectedClientId: string;
}

/**
 * The cluster a client was in at a point in time, from the log (not the read model): the client's
 * position, then its head's members, each card as it stood then.
 */
export async function clusterAt(store: EventStore, clientId: string, point: PointInTime): Promise<ClusterAt | undefined> {
  return clusterFrom(store, clientId, await store.readStream(clientStream(clientId)), point);
}

/** As `clusterAt`, for a caller that has read the client's own events already. */
export async function clusterFrom(
  store: EventStore,
  clientId: string,
  clientEvents: readonly RecordedEvent[],
  point: PointInTime,
): Promise<ClusterAt | undefined> {
  const client = clientCardFrom(clientEvents, point);
  if (!client || client.cluster.role === 'none') return undefined;
  const headId = client.cluster.role === 'head' ? clientId : client.cluster.headId;
  const headEvents = eventsAt(await store.readStream(clientStream(headId)), point);
  const headState = foldClient(headEvents);
  if (!headState.exists || headState.cluster.role !== 'head') return undefined;
  const memberCards = await Promise.all(headState.cluster.memberIds.map((id) => clientCardAt(store, id, point)));
  const mark = <T extends ClientCard>(card: T) => ({ ...card, selected: card.id === clientId });
  const members = memberCards
    .filter((card): card is ClientCard => card !== undefined)
    .map(mark)
    .sort((a, b) => a.clientNumber.localeCompare(b.clientNumber));
  return { head: mark(toClientCard(headState, headEvents)), members, memberCount: members.length, selectedClientId: clientId };
}
