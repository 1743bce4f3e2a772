import { ERASED, type PortalPersonClient } from '@koppelhub/domain';
import type { Pool } from 'pg';
import type { ClientRelationsRow } from './client-relations.projection';

export async function findClientRelationRows(pool: Pool, clientIds?: readonly string[]): Promise<Map<string, ClientRelationsRow>> {
  const { rows } = await pool.query<ClientRelationsRow>(
    `select * from rm_client_relations where $1::uuid[] is null or client_id = any($1::uuid[])`,
    [clientIds ?? null],
  );
  return new Map(rows.map((row) => [row.client_id, row]));
}

/** Every person client as the portal users see it (the portal overview needs no company). */
export async function findPortalPersons(pool: Pool): Promise<PortalPersonClient[]> {
  const { rows } = await pool.query<Pick<ClientRelationsRow, 'client_id' | 'email' | 'packages'>>(
    `select client_id, email, packages from rm_client_relations where kind = 'person'`,
  );
  return rows.map(toPortalPerson);
}

/** A person client as the portal users see it; an erased e-mail is no login, it is no e-mail at all. */
export const toPortalPerson = (row: Pick<ClientRelationsRow, 'client_id' | 'email' | 'packages'>): PortalPersonClient => ({
  id: row.client_id,
  ...(row.email && row.email !== ERASED ? { email: row.email } : {}),
  hasPortalPackage: row.packages.includes('pinkweb'),
});

export interface MailingAddress {
  clientId: string;
  /** `own` address, or the correspondence company's (Bedrijfsgegevens). */
  via: 'own' | 'correspondence-company';
  companyId?: string;
  /** Who the envelope is addressed to: the person, care of the company when mail goes there. */
  addressee: string;
  careOf?: string;
  address: Record<string, unknown>;
}

/** The effective mailing address; undefined while the client is not in the read model. */
export async function findMailingAddress(pool: Pool, clientId: string): Promise<MailingAddress | undefined> {
  const rows = await findClientRelationRows(pool, [clientId]);
  const client = rows.get(clientId);
  if (!client) return undefined;
  const companyId = client.correspondence_company_id;
  const company = companyId ? (await findClientRelationRows(pool, [companyId])).get(companyId) : undefined;
  if (!company) return { clientId, via: 'own', addressee: client.name, address: client.address };
  return {
    clientId,
    via: 'correspondence-company',
    companyId: company.client_id,
    addressee: client.name,
    careOf: company.name,
    address: company.address,
  };
}
