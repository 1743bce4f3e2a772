import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, ContactNotFound, contactStream } from '@koppelhub/domain';
import type { Database, EventStore } from '@koppelhub/eventstore';
import { pageOfContacts } from '@koppelhub/projections';
import { loadClientState, loadContact } from '../commands/relation-loaders';
import { readHistoryPage } from '../queries/history-page';
import { DATABASE, EVENT_STORE } from '../runtime/tokens';
import { toContactCard } from './contact-card';
import { GetContactHistoryQuery, GetContactQuery, ListClientContactsQuery } from './contact.queries';

@QueryHandler(GetContactQuery)
export class GetContactHandler implements IQueryHandler<GetContactQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contactId }: GetContactQuery) {
    const contact = await loadContact(this.store, contactId);
    if (!contact.value.exists) throw new ContactNotFound(contactId);
    return toContactCard(contact.value, contact.events);
  }
}

@QueryHandler(GetContactHistoryQuery)
export class GetContactHistoryHandler implements IQueryHandler<GetContactHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** A removed contact keeps its history. */
  async execute({ contactId, page }: GetContactHistoryQuery) {
    const history = await readHistoryPage(this.store, contactStream(contactId), page);
    if (!history) throw new ContactNotFound(contactId);
    return history;
  }
}

@QueryHandler(ListClientContactsQuery)
export class ListClientContactsHandler implements IQueryHandler<ListClientContactsQuery> {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ clientId, page, pageSize }: ListClientContactsQuery) {
    const { items, total } = await pageOfContacts(this.database.pool, clientId, page, pageSize);
    if (total === 0 && !(await loadClientState(this.store, clientId)).value.exists) throw new ClientNotFound(clientId);
    return { items, total, page, pageSize };
  }
}
