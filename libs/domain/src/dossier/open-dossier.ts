import { ClientNotFound } from '../client/client.errors';
import type { ClientState, RegisteredClient } from '../client/client.state';
import { DossierClosed } from './dossier.errors';

const CLOSED_STATUSES: readonly string[] = ['Afgewezen', 'Geen klant meer'];

/** The client whose dossier a command changes: it must exist and its dossier must still be open. */
export function clientWithOpenDossier(clientId: string, state: ClientState): RegisteredClient {
  if (!state.exists) throw new ClientNotFound(clientId);
  if (CLOSED_STATUSES.includes(state.status)) throw new DossierClosed(clientId, state.status);
  return state;
}
