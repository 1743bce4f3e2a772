import { Query } from '@nestjs/cqrs';
import type { ContactView, Page } from '@koppelhub/projections';
import type { HistoryPage, HistoryPageRequest } from '../queries/history-page';
import type { ContactCard } from './contact-card';

/** The contact as its own stream says now (read-your-writes after a command). */
export class GetContactQuery extends Query<ContactCard> {
  constructor(readonly contactId: string) {
    super();
  }
}

export class ListClientContactsQuery extends Query<Page<ContactView>> {
  constructor(
    readonly clientId: string,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

export class GetContactHistoryQuery extends Query<HistoryPage> {
  constructor(
    readonly contactId: string,
    readonly page: HistoryPageRequest,
  ) {
    super();
  }
}
