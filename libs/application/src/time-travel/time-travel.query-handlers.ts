import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, clientStream, DomainError } from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import { EVENT_STORE } from '../runtime/tokens';
import { clientCardFrom, clusterFrom } from './cluster-at';
import { GetClientAtQuery, GetClusterAtQuery } from './time-travel.queries';
import { NotInACluster } from '../queries/client.query-handlers';

export class NotYetRegistered extends DomainError {
  constructor(clientId: string) {
    super('time-travel.not-yet-registered', 'not-found', `client ${clientId} did not exist at that point in time`, { clientId });
  }
}

/**
 * Both handlers read the client's stream once: it answers "what then" and "does it exist at all"
 * (an unknown client is 404 whatever the point in time).
 */
async function historyOf(store: EventStore, clientId: string): Promise<RecordedEvent[]> {
  const events = await store.readStream(clientStream(clientId));
  if (events.length === 0) throw new ClientNotFound(clientId);
  return events;
}

@QueryHandler(GetClientAtQuery)
export class GetClientAtHandler implements IQueryHandler<GetClientAtQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, point }: GetClientAtQuery) {
    const events = await historyOf(this.store, clientId);
    const card = clientCardFrom(events, point);
    if (!card) throw new NotYetRegistered(clientId);
    return card;
  }
}

@QueryHandler(GetClusterAtQuery)
export class GetClusterAtHandler implements IQueryHandler<GetClusterAtQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, point }: GetClusterAtQuery) {
    const events = await historyOf(this.store, clientId);
    const card = clientCardFrom(events, point);
    if (!card) throw new NotYetRegistered(clientId);
    const view = await clusterFrom(this.store, card, events, point);
    if (!view) throw new NotInACluster(clientId, true);
    return view;
  }
}
