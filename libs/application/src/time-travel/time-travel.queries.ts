import { Query } from '@nestjs/cqrs';
import type { ClientCard } from '../queries/client-card';
import type { ClusterView } from '@koppelhub/projections';
import type { PointInTime } from './point-in-time';

/** A client's card as recorded at (`asAt`) or in effect on (`asOf`) a point in time. */
export class GetClientAtQuery extends Query<ClientCard> {
  constructor(
    readonly clientId: string,
    readonly point: PointInTime,
  ) {
    super();
  }
}

/** The cluster a client was in at a point in time, computed from the log. */
export class GetClusterAtQuery extends Query<ClusterView> {
  constructor(
    readonly clientId: string,
    readonly point: PointInTime,
  ) {
    super();
  }
}
