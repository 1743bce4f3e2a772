import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, type PortalUser, problemsOf } from '@koppelhub/domain';
import type { Database, EventStore } from '@koppelhub/eventstore';
import { type ClientRelationsRow, findClientRelationRows, findContacts, listContacts, portalOverview } from '@koppelhub/projections';
import { loadClientState } from '../commands/relation-loaders';
import { DATABASE, EVENT_STORE } from '../runtime/tokens';
import {
  type ClientPortalAccessView,
  GetClientPortalAccessQuery,
  ListPortalUsersQuery,
  type PortalUserView,
  type PortalUsersView,
} from './portal.queries';

/** The users with the names of their mains and clients, reading only the clients and contacts they name. */
async function describeUsers(database: Database, users: PortalUser[]): Promise<PortalUserView[]> {
  if (users.length === 0) return [];
  const mainsOf = (kind: 'client' | 'contact') => users.flatMap((user) => (user.main.kind === kind ? [user.main.id] : []));
  const clientIds = [...new Set([...users.flatMap((user) => user.clientIds), ...mainsOf('client')])];
  const [clients, contacts] = await Promise.all([findClientRelationRows(database.pool, clientIds), findContacts(database.pool, mainsOf('contact'))]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const clientRef = (id: string, row: ClientRelationsRow | undefined) => ({ id, ...(row ? { clientNumber: row.client_number, name: row.name } : {}) });
  return users.map((user) => {
    const mainName =
      user.main.kind === 'client' ? clients.get(user.main.id)?.name : contactById.get(user.main.id)?.name;
    return {
      key: user.key,
      main: { ...user.main, ...(mainName ? { name: mainName } : {}) },
      ...(user.login ? { login: user.login } : {}),
      contactIds: user.contactIds,
      clients: user.clientIds.map((id) => clientRef(id, clients.get(id))),
    };
  });
}

@QueryHandler(ListPortalUsersQuery)
export class ListPortalUsersHandler implements IQueryHandler<ListPortalUsersQuery> {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async execute({ page, pageSize }: ListPortalUsersQuery): Promise<PortalUsersView> {
    const { users, problems } = await portalOverview(this.database.pool);
    const items = await describeUsers(this.database, users.slice((page - 1) * pageSize, page * pageSize));
    return { items, total: users.length, page, pageSize, problems };
  }
}

@QueryHandler(GetClientPortalAccessQuery)
export class GetClientPortalAccessHandler implements IQueryHandler<GetClientPortalAccessQuery> {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ clientId }: GetClientPortalAccessQuery): Promise<ClientPortalAccessView> {
    if (!(await loadClientState(this.store, clientId)).value.exists) throw new ClientNotFound(clientId);
    const [{ users, problems }, contacts] = await Promise.all([
      portalOverview(this.database.pool),
      listContacts(this.database.pool, [clientId]),
    ]);
    const seeing = users.filter((u) => u.clientIds.includes(clientId));
    const views = await describeUsers(this.database, seeing);
    return {
      clientId,
      users: views.map((view) => ({
        ...view,
        viaContactIds: contacts.filter((c) => c.portal && view.contactIds.includes(c.id)).map((c) => c.id),
      })),
      problems: problemsOf(problems, new Set(seeing.map((u) => u.key))),
    };
  }
}
