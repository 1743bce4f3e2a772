import { Inject } from '@nestjs/common';
import { Query, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound, packageReadiness, problemsOf, type Readiness } from '@koppelhub/domain';
import type { Database, EventStore } from '@koppelhub/eventstore';
import { portalOverview } from '@koppelhub/projections';
import { loadInvoiceTarget } from '../commands/invoice-target';
import { loadClientState } from '../commands/relation-loaders';
import { DATABASE, EVENT_STORE } from '../runtime/tokens';

export class GetReadinessQuery extends Query<Readiness & { clientId: string }> {
  constructor(readonly clientId: string) {
    super();
  }
}

/** The card and the invoice-to client from the streams; the portal users (who see this client) from the read models. */
@QueryHandler(GetReadinessQuery)
export class GetReadinessHandler implements IQueryHandler<GetReadinessQuery> {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ clientId }: GetReadinessQuery) {
    const loaded = await loadClientState(this.store, clientId);
    const client = loaded.value;
    if (!client.exists) throw new ClientNotFound(clientId);
    const invoiceTo = (await loadInvoiceTarget(this.store, clientId, loaded.events))?.target;
    const { users, problems } = await portalOverview(this.database.pool);
    const seeing = users.filter((u) => u.clientIds.includes(clientId));
    const portalProblems = problemsOf(problems, new Set(seeing.map((u) => u.key)));
    return { clientId, ...packageReadiness(client.kind, client.details, seeing, portalProblems, invoiceTo ? { invoiceTo } : {}) };
  }
}
