import { type ContactEvent, contactIdsOf, erasedSubjectsOf, eraseLeaves, type PersonalDataErased } from '@koppelhub/domain';
import type { RowProjection } from '../runtime/row-projection';

export interface ContactRow {
  contact_id: string;
  client_id: string;
  name: { initials?: string; firstNames?: string; prefix?: string; surname: string };
  role: string | null;
  email: string | null;
  phone: string | null;
  /** Private address, e-mail and mobile: shown on the contact, never logged. */
  private: Record<string, unknown>;
  portal: boolean;
  main_kind: 'client' | 'contact' | null;
  main_id: string | null;
  updated_at: string;
}

const TYPES = [
  'ContactRegistered',
  'ContactChanged',
  'ContactRemoved',
  'ContactLinkedToMain',
  'ContactUnlinkedFromMain',
  'ContactPrivateDataSynced',
  'PersonalDataErased',
] as const;

/** The contacts an erasure names (it sits on the client's stream and names subjects, not one contact). */
const erasedContacts = (event: { type: string; data: object }): string[] => contactIdsOf(erasedSubjectsOf(event));

/** Contacts per client, with their main: the source of the contact lists, portal users and organogram. */
export const contactsProjection: RowProjection<ContactRow> = {
  name: 'contacts',
  table: 'rm_contacts',
  key: 'contact_id',
  columns: [
    { name: 'contact_id', type: 'uuid' },
    { name: 'client_id', type: 'uuid' },
    { name: 'name', type: 'jsonb' },
    { name: 'role', type: 'text' },
    { name: 'email', type: 'text' },
    { name: 'phone', type: 'text' },
    { name: 'private', type: 'jsonb' },
    { name: 'portal', type: 'boolean' },
    { name: 'main_kind', type: 'text' },
    { name: 'main_id', type: 'uuid' },
    { name: 'updated_at', type: 'timestamptz' },
  ],
  eventTypes: TYPES,
  keysOf: (event) =>
    event.type === 'PersonalDataErased'
      ? erasedContacts(event)
      : (TYPES as readonly string[]).includes(event.type)
        ? [String(event.data.contactId)]
        : [],
  evolve(row, recorded) {
    const event = recorded as unknown as ContactEvent | PersonalDataErased;
    const updated_at = recorded.recordedAt instanceof Date ? recorded.recordedAt.toISOString() : String(recorded.recordedAt);
    switch (event.type) {
      case 'ContactRegistered':
      case 'ContactChanged': {
        const { contact } = event.data;
        return {
          contact_id: event.data.contactId,
          client_id: event.data.clientId,
          name: contact.name,
          role: contact.role ?? null,
          email: contact.email ?? null,
          phone: contact.phone ?? null,
          private: { ...contact.private },
          portal: contact.portal,
          main_kind: row?.main_kind ?? null,
          main_id: row?.main_id ?? null,
          updated_at,
        };
      }
      case 'ContactRemoved':
        return null;
      case 'ContactLinkedToMain':
        return row ? { ...row, main_kind: event.data.main.kind, main_id: event.data.main.id, updated_at } : undefined;
      case 'ContactUnlinkedFromMain':
        return row ? { ...row, main_kind: null, main_id: null, updated_at } : undefined;
      case 'ContactPrivateDataSynced':
        return row ? { ...row, name: event.data.name, private: { ...event.data.private }, updated_at } : undefined;
      case 'PersonalDataErased':
        // The events now read "erased" here; the row follows without a rebuild.
        return row ? { ...row, private: eraseLeaves(row.private), updated_at } : undefined;
      default:
        return undefined;
    }
  },
};
