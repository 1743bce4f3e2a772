import { derivePortalUsers, type PortalOverview } from '@koppelhub/domain';
import type { Pool } from 'pg';
import { findClientRelationRows, toPortalPerson } from '../client-relations/client-relations.queries';
import { listContacts, toPortalContact } from '../contacts/contacts.queries';

/** Every portal user (linked group) with its login and the clients it sees, plus what holds the push back. */
export async function portalOverview(pool: Pool): Promise<PortalOverview> {
  const [contacts, clients] = await Promise.all([listContacts(pool), findClientRelationRows(pool)]);
  const persons = [...clients.values()].filter((row) => row.kind === 'person').map(toPortalPerson);
  return derivePortalUsers(contacts.map(toPortalContact), persons);
}
