import { derivePortalUsers, type PortalOverview } from '@koppelhub/domain';
import type { Pool } from 'pg';
import { findPortalPersons } from '../client-relations/client-relations.queries';
import { listContacts, toPortalContact } from '../contacts/contacts.queries';

/** Every portal user (linked group) with its login and the clients it sees, plus what holds the push back. */
export async function portalOverview(pool: Pool): Promise<PortalOverview> {
  const [contacts, persons] = await Promise.all([listContacts(pool), findPortalPersons(pool)]);
  return derivePortalUsers(contacts.map(toPortalContact), persons);
}
