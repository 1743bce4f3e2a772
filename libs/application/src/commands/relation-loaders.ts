import {
  type ClientState,
  clientStream,
  type ContactState,
  contactStream,
  clientSubject,
  erasedSubjectsOf,
  foldClient,
  foldClientRelations,
  foldContact,
  foldOwnership,
  type MainRef,
  type MainState,
  OWNERSHIP_STRUCTURE_STREAM,
  type OwnershipStructure,
  type RelatedClient,
} from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';

export interface Loaded<T> {
  value: T;
  stream: string;
  /** The version the append expects (0: the stream is new). */
  version: number;
  events: RecordedEvent[];
}

async function load<T>(store: EventStore, stream: string, fold: (events: RecordedEvent[]) => T): Promise<Loaded<T>> {
  const events = await store.readStream(stream);
  return { value: fold(events), stream, version: events.at(-1)?.streamVersion ?? 0, events };
}

export const loadContact = (store: EventStore, contactId: string): Promise<Loaded<ContactState>> =>
  load(store, contactStream(contactId), foldContact);

/**
 * The contacts linked to a main that still follow its private data. One at a client whose personal
 * data was erased takes no new copy: that client's scope takes no new keys (whether the contact
 * had one or not), so handing data down to it would refuse the main's own change. The client's
 * stream says so: its own subject among the erased.
 */
export async function loadFollowingContacts(store: EventStore, contactIds: readonly string[]): Promise<Array<Loaded<ContactState>>> {
  const linked = await Promise.all(contactIds.map((id) => loadContact(store, id)));
  const clientIds = [...new Set(linked.flatMap((contact) => (contact.value.exists ? [contact.value.clientId] : [])))];
  if (clientIds.length === 0) return linked;
  const clients = await store.readStreams(clientIds.map(clientStream));
  const erased = new Set([...clients.values()].flatMap((events) => events.flatMap(erasedSubjectsOf)));
  return linked.filter((contact) => !(contact.value.exists && erased.has(clientSubject(contact.value.clientId))));
}

/** A client's card state and its relations, folded from one read of its stream. */
export const loadRelatedClient = (store: EventStore, clientId: string): Promise<Loaded<RelatedClient>> =>
  load(store, clientStream(clientId), (events) => ({ state: foldClient(events), relations: foldClientRelations(events) }));

export const loadClientState = (store: EventStore, clientId: string): Promise<Loaded<ClientState>> =>
  load(store, clientStream(clientId), foldClient);

/** The clients whose invoices go to the client of these events (its invoicing clients), each as read. */
export const loadInvoicingClients = (store: EventStore, events: readonly RecordedEvent[]): Promise<Array<Loaded<ClientState>>> =>
  Promise.all(foldClientRelations(events).invoicedByIds.map((id) => loadClientState(store, id)));

export const loadOwnershipStructure = (store: EventStore): Promise<Loaded<OwnershipStructure>> =>
  load(store, OWNERSHIP_STRUCTURE_STREAM, foldOwnership);

/** The main a contact is (to be) linked to, with the stream a link appends to. */
export async function loadMain(store: EventStore, main: MainRef): Promise<Loaded<MainState>> {
  if (main.kind === 'client') {
    const client = await loadRelatedClient(store, main.id);
    return { ...client, value: { kind: 'client', id: main.id, client: client.value.state, linkedContactIds: client.value.relations.linkedContactIds } };
  }
  const contact = await loadContact(store, main.id);
  return { ...contact, value: { kind: 'contact', id: main.id, contact: contact.value } };
}

/** The versions map of a decision from everything it read. */
export const versionsOf = (...loaded: ReadonlyArray<Loaded<unknown>>): Map<string, number> =>
  new Map(loaded.map((l) => [l.stream, l.version]));
