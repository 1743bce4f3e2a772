import { Inject } from '@nestjs/common';
import { Query, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, mainKey } from '@koppelhub/domain';
import type { Database } from '@koppelhub/eventstore';
import { findClientRelationRows, findClientSummaries, findClusterView, listContacts, listOwnerships } from '@koppelhub/projections';
import { DATABASE } from '../runtime/tokens';

/**
 * The organogram's input (the plain model of libs/organogram, restated here so the application
 * does not depend on the renderer; the API passes it on and the compiler checks the two agree).
 */
export interface OrganogramInput {
  title: string;
  clients: Array<{
    id: string;
    clientNumber: string;
    name: string;
    kind: 'company' | 'person';
    status: string;
    role: 'head' | 'member' | 'none';
    packages: string[];
    selected?: boolean;
  }>;
  ownerships: Array<{ ownerId: string; ownedId: string; percent: number }>;
  contacts: Array<{
    id: string;
    name: string;
    role?: string;
    atClientId: string;
    portal: boolean;
    mainKey?: string;
    seesClientIds: string[];
  }>;
  invoiceTo: Array<{ fromId: string; toId: string }>;
}

export class GetOrganogramModelQuery extends Query<OrganogramInput> {
  constructor(readonly clientId: string) {
    super();
  }
}

/** The client's cluster (or the client alone) with its ownership links, invoice-to and contacts, from the read models. */
@QueryHandler(GetOrganogramModelQuery)
export class GetOrganogramModelHandler implements IQueryHandler<GetOrganogramModelQuery> {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async execute({ clientId }: GetOrganogramModelQuery): Promise<OrganogramInput> {
    const pool = this.database.pool;
    const view = await findClusterView(pool, clientId);
    const roles = new Map<string, 'head' | 'member' | 'none'>(
      view ? [[view.head.id, 'head'], ...view.members.map((m) => [m.id, 'member'] as const)] : [[clientId, 'none']],
    );
    const ids = [...roles.keys()];
    const [summaries, relations, links, contacts] = await Promise.all([
      findClientSummaries(pool, ids),
      findClientRelationRows(pool, ids),
      listOwnerships(pool),
      listContacts(pool, ids),
    ]);
    if (!summaries.has(clientId)) throw new ClientNotFound(clientId);
    const inCluster = (id: string) => roles.has(id);
    const clients = ids
      .filter((id) => summaries.has(id))
      .map((id) => {
        const summary = summaries.get(id)!;
        return {
          id,
          clientNumber: summary.clientNumber,
          name: summary.name,
          kind: summary.kind === 'person' ? ('person' as const) : ('company' as const),
          status: summary.status,
          role: roles.get(id)!,
          packages: summary.packages,
          selected: id === clientId,
        };
      });
    const headName = view ? summaries.get(view.head.id)?.name : summaries.get(clientId)?.name;
    return {
      title: view ? `Cluster ${headName ?? ''}` : (headName ?? ''),
      clients,
      ownerships: links
        .filter((l) => inCluster(l.ownerId) && inCluster(l.ownedId))
        .map(({ ownerId, ownedId, percent }) => ({ ownerId, ownedId, percent })),
      invoiceTo: [...relations.values()]
        .filter((r) => r.invoice_to_id !== null && inCluster(r.invoice_to_id))
        .map((r) => ({ fromId: r.client_id, toId: r.invoice_to_id! })),
      // Each registration sees only its own client; the portal user group is shown by mainKey.
      contacts: contacts.map((c) => ({
        id: c.id,
        name: c.name,
        ...(c.role ? { role: c.role } : {}),
        atClientId: c.clientId,
        portal: c.portal,
        mainKey: c.main ? mainKey(c.main) : `contact:${c.id}`,
        seesClientIds: c.portal ? [c.clientId] : [],
      })),
    };
  }
}
