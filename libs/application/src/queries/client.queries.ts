import { Query } from '@nestjs/cqrs';
import type { ClientSearchQuery, ClientSummary, ClusterHeadSearch, ClusterHeadSummary, ClusterView, Page } from '@koppelhub/projections';
import type { ClientCard } from './client-card';
import type { HistoryPage, HistoryPageRequest } from './history-page';

export class GetClientQuery extends Query<ClientCard> {
  constructor(readonly clientId: string) {
    super();
  }
}

export class SearchClientsQuery extends Query<Page<ClientSummary>> {
  constructor(readonly criteria: ClientSearchQuery) {
    super();
  }
}

export class GetClusterViewQuery extends Query<ClusterView> {
  constructor(readonly clientId: string) {
    super();
  }
}

export class ListClustersQuery extends Query<Page<ClusterHeadSummary>> {
  constructor(readonly search: ClusterHeadSearch) {
    super();
  }
}

export class GetClientHistoryQuery extends Query<HistoryPage> {
  constructor(
    readonly clientId: string,
    readonly page: HistoryPageRequest,
  ) {
    super();
  }
}
