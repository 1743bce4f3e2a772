import { Inject } from '@nestjs/common';
import { Query, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, deriveUbos, isDirectorRole } from '@koppelhub/domain';
import type { Database } from '@koppelhub/eventstore';
import { findClientRelationRows, listContacts, listOwnerships } from '@koppelhub/projections';
import type { Pool } from 'pg';
import { DATABASE } from '../runtime/tokens';

export interface UboView {
  clientId: string;
  clientNumber?: string;
  name?: string;
  percent: number;
  indirect: boolean;
  /** A director named because no one holds more than 25 %. */
  pseudo: boolean;
}

export class GetUbosQuery extends Query<{ clientId: string; ubos: UboView[] }> {
  constructor(readonly clientId: string) {
    super();
  }
}

/** UBOs derived from the ownership structure read model; directors are contacts with a director role linked to a person client. */
export async function deriveClientUbos(pool: Pool, clientId: string): Promise<{ ubos: UboView[]; hasStructure: boolean } | undefined> {
  const [links, clients, contacts] = await Promise.all([listOwnerships(pool), findClientRelationRows(pool), listContacts(pool, [clientId])]);
  if (!clients.has(clientId)) return undefined;
  const directors = contacts
    .filter((c) => isDirectorRole(c.role) && c.main?.kind === 'client')
    .map((c) => ({ personId: c.main!.id }));
  const ubos = deriveUbos(clientId, links, (id) => clients.get(id)?.kind === 'person', directors).map((ubo) => {
    const row = clients.get(ubo.personId);
    return {
      clientId: ubo.personId,
      ...(row ? { clientNumber: row.client_number, name: row.name } : {}),
      percent: ubo.percent,
      indirect: ubo.indirect,
      pseudo: ubo.pseudo,
    };
  });
  // Equal shares are listed by client number, which people recognise (ids would order at random).
  ubos.sort((a, b) => b.percent - a.percent || (a.clientNumber ?? a.clientId).localeCompare(b.clientNumber ?? b.clientId));
  return { ubos, hasStructure: links.some((l) => l.ownedId === clientId) };
}

@QueryHandler(GetUbosQuery)
export class GetUbosHandler implements IQueryHandler<GetUbosQuery> {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async execute({ clientId }: GetUbosQuery) {
    const derived = await deriveClientUbos(this.database.pool, clientId);
    if (!derived) throw new ClientNotFound(clientId);
    return { clientId, ubos: derived.ubos };
  }
}
