import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assessWwft, ClientNotFound } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { loadClientFile } from '../../commands/client-file';
import { CLOCK, type Clock } from '../../runtime/clock';
import { EVENT_STORE } from '../../runtime/tokens';
import { toDossierView } from './dossier-view';
import { GetDossierQuery, GetWwftCompletenessQuery } from './dossier.queries';

/** Read straight from the client's stream, so a dossier change is visible in the next request. */
@QueryHandler(GetDossierQuery)
export class GetDossierHandler implements IQueryHandler<GetDossierQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Whether a review or an ID document has expired is asked of the hub's clock, as erasure is.
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId }: GetDossierQuery) {
    const file = await loadClientFile(this.store, clientId);
    if (!file.client.exists) throw new ClientNotFound(clientId);
    return toDossierView({ ...file, client: file.client }, file.events, this.clock.now());
  }
}

@QueryHandler(GetWwftCompletenessQuery)
export class GetWwftCompletenessHandler implements IQueryHandler<GetWwftCompletenessQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Whether a review or an ID document has expired is asked of the hub's clock, as erasure is.
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId }: GetWwftCompletenessQuery) {
    const file = await loadClientFile(this.store, clientId);
    if (!file.client.exists) throw new ClientNotFound(clientId);
    return { clientId, ...assessWwft(file.client, file.dossier.wwft, file.dossier.documents, this.clock.now()) };
  }
}
