import type { DomainEvent } from '../shared/domain-event';
import type { PersonName } from '../shared/person-name';
import type { ContactData, MainRef, PrivateData } from './contact.model';

/**
 * Events of one contact's stream (`contact-<id>`). Each names its contact in `contactId`; the
 * client it is registered at is fixed at registration. Decisions that also touch a client (linking
 * to a person client) add an event to that client's stream in the same atomic append.
 */
export type ContactRegistered = DomainEvent<'ContactRegistered', { contactId: string; clientId: string; contact: ContactData }>;
export type ContactChanged = DomainEvent<
  'ContactChanged',
  { contactId: string; clientId: string; contact: ContactData; changedFields: string[] }
>;
export type ContactRemoved = DomainEvent<'ContactRemoved', { contactId: string; clientId: string }>;
export type ContactLinkedToMain = DomainEvent<'ContactLinkedToMain', { contactId: string; clientId: string; main: MainRef }>;
export type ContactUnlinkedFromMain = DomainEvent<
  'ContactUnlinkedFromMain',
  { contactId: string; clientId: string; main: MainRef }
>;

/** Why a contact's private data changed without anyone editing it: its main changed, or it was just linked. */
export interface SyncCause {
  mainKey: string;
  reason: 'linked-to-main' | 'main-changed';
}
export type ContactPrivateDataSynced = DomainEvent<
  'ContactPrivateDataSynced',
  { contactId: string; clientId: string; name: PersonName; private: PrivateData; changedFields: string[]; cause: SyncCause }
>;

/**
 * On the main's stream: the main keeps the list of contacts linked to it, so that a change of its
 * private data reaches all of them in one append, and a concurrent link conflicts with it. On a
 * contact main's stream the event names the main in `contactId`; on a person client's stream in `clientId`.
 */
export type LinkedContactAdded = DomainEvent<'LinkedContactAdded', { contactId: string; linkedContactId: string }>;
export type LinkedContactRemoved = DomainEvent<'LinkedContactRemoved', { contactId: string; linkedContactId: string }>;
export type ClientLinkedContactAdded = DomainEvent<'ClientLinkedContactAdded', { clientId: string; linkedContactId: string }>;
export type ClientLinkedContactRemoved = DomainEvent<
  'ClientLinkedContactRemoved',
  { clientId: string; linkedContactId: string }
>;

export type ContactEvent =
  | ContactRegistered
  | ContactChanged
  | ContactRemoved
  | ContactLinkedToMain
  | ContactUnlinkedFromMain
  | ContactPrivateDataSynced
  | LinkedContactAdded
  | LinkedContactRemoved;

export type MainLinkEvent =
  | LinkedContactAdded
  | LinkedContactRemoved
  | ClientLinkedContactAdded
  | ClientLinkedContactRemoved;
