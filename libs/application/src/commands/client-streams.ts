import { type ClientState, clientStream, foldClient } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';

export interface LoadedClient {
  state: ClientState;
  version: number;
  events: RecordedEvent[];
}

/** Folds a client's stream into its current state, with the version the append will expect. */
export async function loadClient(store: EventStore, clientId: string): Promise<LoadedClient> {
  const events = await store.readStream(clientStream(clientId));
  return {
    state: foldClient(events),
    version: events.length === 0 ? 0 : events[events.length - 1].streamVersion,
    events,
  };
}
