import { clientStream } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';

/** Several clients' streams in one read, keyed by client id; a client without events maps to []. */
export async function readClientHistories(store: EventStore, clientIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
  const read = await store.readStreams(clientIds.map(clientStream));
  return new Map(clientIds.map((clientId) => [clientId, read.get(clientStream(clientId)) ?? []]));
}
