import { OWNERSHIP_EVENT_TYPES } from './ownership/ownership.events';
import { clientStream } from './streams';

/** A contact's own stream: its registration, changes, links and synced private data. */
export const contactStream = (contactId: string): string => `contact-${contactId}`;

/** The one stream of the Wwft ownership structure; every ownership change appends here at the version read. */
export const OWNERSHIP_STRUCTURE_STREAM = 'ownership-structure';

/**
 * The stream of an event of the relations part: ownership events go to the structure, events
 * naming a `contactId` to that contact, the others (relations on a client) to the client named.
 */
export function relationStreamOf(event: { type: string; data: object }): string | undefined {
  if (OWNERSHIP_EVENT_TYPES.has(event.type)) return OWNERSHIP_STRUCTURE_STREAM;
  const data = event.data as { contactId?: unknown; clientId?: unknown };
  if (typeof data.contactId === 'string') return contactStream(data.contactId);
  if (typeof data.clientId === 'string' && event.type !== 'ClientNumberReserved') return clientStream(data.clientId);
  return undefined;
}
