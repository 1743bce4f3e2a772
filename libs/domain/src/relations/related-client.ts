import type { ClientState } from '../client/client.state';
import type { ClientRelations } from './client-relations.state';

/** One client as a relation decision sees it: its card state and its relations, from the same stream. */
export interface RelatedClient {
  state: ClientState;
  relations: ClientRelations;
}
