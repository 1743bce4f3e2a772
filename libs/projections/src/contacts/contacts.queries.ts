import { personDisplayName, type MainRef, type PortalContact } from '@koppelhub/domain';
import type { Pool } from 'pg';
import type { ContactRow } from './contacts.projection';

export interface ContactView {
  id: string;
  clientId: string;
  name: string;
  initials?: string;
  firstNames?: string;
  prefix?: string;
  surname: string;
  role?: string;
  email?: string;
  phone?: string;
  private: Record<string, unknown>;
  portal: boolean;
  main?: MainRef;
}

export function toContactView(row: ContactRow): ContactView {
  return {
    id: row.contact_id,
    clientId: row.client_id,
    name: personDisplayName(row.name),
    ...row.name,
    ...(row.role ? { role: row.role } : {}),
    ...(row.email ? { email: row.email } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    private: row.private,
    portal: row.portal,
    ...(row.main_kind && row.main_id ? { main: { kind: row.main_kind, id: row.main_id } } : {}),
  };
}

/** Contacts of the given clients (all contacts when no ids are given), in a stable order. */
export async function listContacts(pool: Pool, clientIds?: readonly string[]): Promise<ContactView[]> {
  const { rows } = await pool.query<ContactRow>(
    `select * from rm_contacts where $1::uuid[] is null or client_id = any($1::uuid[])
      order by client_id, name->>'surname', contact_id`,
    [clientIds ?? null],
  );
  return rows.map(toContactView);
}

/** A page of one client's contacts, by surname, with how many it has. */
export async function pageOfContacts(pool: Pool, clientId: string, page: number, pageSize: number): Promise<{ items: ContactView[]; total: number }> {
  const { rows } = await pool.query<ContactRow & { total: string }>(
    `select c.*, n.total from (select count(*) as total from rm_contacts where client_id = $1) n
       left join lateral (
         select * from rm_contacts where client_id = $1 order by name->>'surname', contact_id offset $2 limit $3
       ) c on true`,
    [clientId, (page - 1) * pageSize, pageSize],
  );
  return { items: rows.filter((row) => row.contact_id !== null).map(toContactView), total: Number(rows[0]?.total ?? 0) };
}

/** The contacts with these ids (those the read model has). */
export async function findContacts(pool: Pool, contactIds: readonly string[]): Promise<ContactView[]> {
  const { rows } = await pool.query<ContactRow>('select * from rm_contacts where contact_id = any($1::uuid[])', [contactIds]);
  return rows.map(toContactView);
}

export const toPortalContact = (contact: ContactView): PortalContact => ({
  id: contact.id,
  clientId: contact.clientId,
  ...(contact.email ? { email: contact.email } : {}),
  portal: contact.portal,
  ...(contact.main ? { main: contact.main } : {}),
});
