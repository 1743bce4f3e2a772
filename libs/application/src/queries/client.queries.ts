import { Query } from '@nestjs/cqrs';
import type { ClientSearchQuery, ClientSummary, ClusterHeadSearch, ClusterHeadSummary, ClusterView, Page } from '@koppelhub/projections';
import type { ClientCard } from './client-card';

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

export interface HistoryEntry {
  position: number;
  version: number;
  type: string;
  data: unknown;
  time: Date;
  actor: string;
  commandId: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  effectiveAt?: string;
}

export class GetClientHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly clientId: string) {
    super();
  }
}
