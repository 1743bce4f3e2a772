import { type ClientState, clientStream, foldClient } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import type { ClientSummary, ClusterClient, ClusterView } from '@koppelhub/projections';
import { type ClientCard, toClientCard } from '../queries/client-card';
import { eventsAt, type PointInTime } from './point-in-time';

/** A client's card as it stood at a point in time, from its own events. */
export function clientCardFrom(events: readonly RecordedEvent[], point: PointInTime): ClientCard | undefined {
  const then = eventsAt(events, point);
  const state: ClientState = foldClient(then);
  return state.exists ? toClientCard(state, then) : undefined;
}

/**
 * A card as the cluster view lists a client (as the client search has it), so the view of any
 * point in time reads the same as the view of now.
 */
function summaryOf(card: ClientCard): ClientSummary {
  return {
    id: card.id,
    clientNumber: card.clientNumber,
    kind: card.kind,
    name: card.name,
    ...(card.company?.tradeName ? { tradeName: card.company.tradeName } : {}),
    searchName: card.searchName,
    status: card.status,
    ...(card.debtorNumber ? { debtorNumber: card.debtorNumber } : {}),
    ...(card.address?.city ? { city: card.address.city } : {}),
    packages: card.packages,
    ...(card.formerClientNumbers ? { formerClientNumbers: card.formerClientNumbers } : {}),
  };
}

/**
 * The cluster a client was in at a point in time, from the log (not the read model): the client's
 * position in its own events (which the caller has read), then its head's members, each card as
 * it stood then. The head's stream is read unless the client is the head; the members' streams
 * in one read.
 */
export async function clusterFrom(
  store: EventStore,
  clientId: string,
  clientEvents: readonly RecordedEvent[],
  point: PointInTime,
): Promise<ClusterView | undefined> {
  const client = clientCardFrom(clientEvents, point);
  if (!client || client.cluster.role === 'none') return undefined;
  const headId = client.cluster.role === 'head' ? clientId : client.cluster.headId;
  const headEvents = eventsAt(headId === clientId ? clientEvents : await store.readStream(clientStream(headId)), point);
  const headState = foldClient(headEvents);
  if (!headState.exists || headState.cluster.role !== 'head') return undefined;
  const memberStreams = await store.readStreams(headState.cluster.memberIds.map(clientStream));
  const memberCards = [...memberStreams.values()].map((events) => clientCardFrom(events, point));
  const mark = (card: ClientCard): ClusterClient => ({ ...summaryOf(card), selected: card.id === clientId });
  const members = memberCards
    .filter((card): card is ClientCard => card !== undefined)
    .map(mark)
    .sort((a, b) => a.clientNumber.localeCompare(b.clientNumber));
  return { head: mark(toClientCard(headState, headEvents)), members, memberCount: members.length, selectedClientId: clientId };
}
