import { Inject } from '@nestjs/common';
import { Query, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, type ClientRelations } from '@koppelhub/domain';
import type { Database, EventStore } from '@koppelhub/eventstore';
import { findMailingAddress, type MailingAddress } from '@koppelhub/projections';
import { loadRelatedClient } from '../commands/relation-loaders';
import { DATABASE, EVENT_STORE } from '../runtime/tokens';

export type ClientRelationsView = ClientRelations & { clientId: string };

/** A client's relations as its own stream says now: what a relation command answers with. */
export class GetClientRelationsQuery extends Query<ClientRelationsView> {
  constructor(readonly clientId: string) {
    super();
  }
}

export class GetMailingAddressQuery extends Query<MailingAddress> {
  constructor(readonly clientId: string) {
    super();
  }
}

@QueryHandler(GetClientRelationsQuery)
export class GetClientRelationsHandler implements IQueryHandler<GetClientRelationsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId }: GetClientRelationsQuery): Promise<ClientRelationsView> {
    const client = await loadRelatedClient(this.store, clientId);
    if (!client.value.state.exists) throw new ClientNotFound(clientId);
    return { clientId, ...client.value.relations };
  }
}

@QueryHandler(GetMailingAddressQuery)
export class GetMailingAddressHandler implements IQueryHandler<GetMailingAddressQuery> {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async execute({ clientId }: GetMailingAddressQuery): Promise<MailingAddress> {
    const address = await findMailingAddress(this.database.pool, clientId);
    if (!address) throw new ClientNotFound(clientId);
    return address;
  }
}
