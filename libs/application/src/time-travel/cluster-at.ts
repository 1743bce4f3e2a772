import { type ClientState, clientStream, foldClient } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import {
  type ClientSearchRow,
  clientSearchProjection,
  type ClientSummary,
  type ClusterClient,
  type ClusterView,
  toClientSummary,
} from '@koppelhub/projections';
import { type ClientCard, toClientCard } from '../queries/client-card';
import { eventsAt, type PointInTime } from './point-in-time';

/** A client's card as it stood at a point in time, from its own events. */
export function clientCardFrom(events: readonly RecordedEvent[], point: PointInTime): ClientCard | undefined {
  const then = eventsAt(events, point);
  const state: ClientState = foldClient(then);
  return state.exists ? toClientCard(state, then) : undefined;
}

/**
 * A client as the cluster view lists it, folded from its events by the client search's own evolve:
 * the view of any point in time then reads as the live one does, by construction.
 */
function summaryFrom(events: readonly RecordedEvent[]): ClientSummary | undefined {
  let row: ClientSearchRow | undefined;
  for (const event of events) {
    for (const key of clientSearchProjection.keysOf(event)) {
      const next = clientSearchProjection.evolve(row, event, key);
      if (next !== undefined) row = next ?? undefined;
    }
  }
  return row && toClientSummary(row);
}

/**
 * The cluster a client was in at a point in time, from the log (not the read model): the client's
 * card then (from its own events, which the caller has read), then its head's members, each card
 * as it stood then. The head's stream is read unless the client is the head; the members' streams
 * in one read.
 */
export async function clusterFrom(
  store: EventStore,
  client: ClientCard,
  clientEvents: readonly RecordedEvent[],
  point: PointInTime,
): Promise<ClusterView | undefined> {
  const clientId = client.id;
  if (client.cluster.role === 'none') return undefined;
  const headId = client.cluster.role === 'head' ? clientId : client.cluster.headId;
  const headEvents = eventsAt(headId === clientId ? clientEvents : await store.readStream(clientStream(headId)), point);
  const headState = foldClient(headEvents);
  if (!headState.exists || headState.cluster.role !== 'head') return undefined;
  const memberStreams = await store.readStreams(headState.cluster.memberIds.map(clientStream));
  const mark = (summary: ClientSummary): ClusterClient => ({ ...summary, selected: summary.id === clientId });
  const members = [...memberStreams.values()]
    .map((events) => summaryFrom(eventsAt(events, point)))
    .filter((summary): summary is ClientSummary => summary !== undefined)
    .map(mark)
    .sort((a, b) => a.clientNumber.localeCompare(b.clientNumber));
  return { head: mark(summaryFrom(headEvents)!), members, memberCount: members.length, selectedClientId: clientId };
}
