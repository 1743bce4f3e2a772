import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, DomainError } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { EVENT_STORE } from '../runtime/tokens';
import { clientCardAt, clusterAt } from './cluster-at';
import { GetClientAtQuery, GetClusterAtQuery } from './time-travel.queries';

export class NotYetRegistered extends DomainError {
  constructor(clientId: string) {
    super('time-travel.not-yet-registered', 'not-found', `client ${clientId} did not exist at that point in time`, { clientId });
  }
}

export class NotInAClusterThen extends DomainError {
  constructor(clientId: string) {
    super('time-travel.not-in-cluster', 'not-found', `client ${clientId} was in no cluster at that point in time`, { clientId });
  }
}

@QueryHandler(GetClientAtQuery)
export class GetClientAtHandler implements IQueryHandler<GetClientAtQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, point }: GetClientAtQuery) {
    const card = await clientCardAt(this.store, clientId, point);
    if (card) return card;
    throw (await this.exists(clientId)) ? new NotYetRegistered(clientId) : new ClientNotFound(clientId);
  }

  private async exists(clientId: string) {
    return (await clientCardAt(this.store, clientId, { asAtPosition: Number.MAX_SAFE_INTEGER })) !== undefined;
  }
}

@QueryHandler(GetClusterAtQuery)
export class GetClusterAtHandler implements IQueryHandler<GetClusterAtQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, point }: GetClusterAtQuery) {
    const view = await clusterAt(this.store, clientId, point);
    if (view) return view;
    const now = await clientCardAt(this.store, clientId, { asAtPosition: Number.MAX_SAFE_INTEGER });
    throw now ? new NotInAClusterThen(clientId) : new ClientNotFound(clientId);
  }
}
