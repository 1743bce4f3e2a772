import type { ClientState } from '../client/client.state';
import type { MainRef } from './contact.model';
import type { ContactState } from './contact.state';

/** The main a decision looks at: a person client with the contacts linked to it, or a contact. */
export type MainState =
  | { kind: 'client'; id: string; client: ClientState; linkedContactIds: string[] }
  | { kind: 'contact'; id: string; contact: ContactState };

export const refOf = (main: MainState): MainRef => ({ kind: main.kind, id: main.id });
