import { type ClientFile, clientStream, foldAcceptance, foldClient, foldDossier } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';

export interface LoadedClientFile extends ClientFile {
  version: number;
  events: RecordedEvent[];
}

/** A client with its dossier and acceptance state, all folded from its one stream at one version. */
export async function loadClientFile(store: EventStore, clientId: string): Promise<LoadedClientFile> {
  const events = await store.readStream(clientStream(clientId));
  return {
    client: foldClient(events),
    dossier: foldDossier(events),
    acceptance: foldAcceptance(events),
    version: events.length === 0 ? 0 : events[events.length - 1].streamVersion,
    events,
  };
}
