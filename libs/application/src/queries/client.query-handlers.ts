import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, clientStream, DomainError } from '@koppelhub/domain';
import type { Database, EventStore } from '@koppelhub/eventstore';
import { findClusterView, searchClients, searchClusterHeads } from '@koppelhub/projections';
import { loadClient } from '../commands/client-streams';
import { DATABASE, EVENT_STORE } from '../runtime/tokens';
import { toClientCard } from './client-card';
import { readHistoryPage } from './history-page';
import {
  GetClientHistoryQuery,
  GetClientQuery,
  GetClusterViewQuery,
  ListClustersQuery,
  SearchClientsQuery,
} from './client.queries';

/** The client is in no cluster: now, or (`then`) at the point in time asked for. */
export class NotInACluster extends DomainError {
  constructor(clientId: string, then = false) {
    super('cluster.not-in-cluster', 'not-found', `client ${clientId} ${then ? 'was in no cluster at that point in time' : 'is in no cluster'}`, { clientId });
  }
}

@QueryHandler(GetClientQuery)
export class GetClientHandler implements IQueryHandler<GetClientQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId }: GetClientQuery) {
    const client = await loadClient(this.store, clientId);
    if (!client.state.exists) throw new ClientNotFound(clientId);
    return toClientCard(client.state, client.events);
  }
}

@QueryHandler(SearchClientsQuery)
export class SearchClientsHandler implements IQueryHandler<SearchClientsQuery> {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  execute({ criteria }: SearchClientsQuery) {
    return searchClients(this.database.pool, criteria);
  }
}

@QueryHandler(GetClusterViewQuery)
export class GetClusterViewHandler implements IQueryHandler<GetClusterViewQuery> {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ clientId }: GetClusterViewQuery) {
    const view = await findClusterView(this.database.pool, clientId);
    if (view) return view;
    const client = await loadClient(this.store, clientId);
    throw client.state.exists ? new NotInACluster(clientId) : new ClientNotFound(clientId);
  }
}

@QueryHandler(ListClustersQuery)
export class ListClustersHandler implements IQueryHandler<ListClustersQuery> {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  execute({ search }: ListClustersQuery) {
    return searchClusterHeads(this.database.pool, search);
  }
}

@QueryHandler(GetClientHistoryQuery)
export class GetClientHistoryHandler implements IQueryHandler<GetClientHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, page }: GetClientHistoryQuery) {
    const history = await readHistoryPage(this.store, clientStream(clientId), page);
    if (!history) throw new ClientNotFound(clientId);
    return history;
  }
}
