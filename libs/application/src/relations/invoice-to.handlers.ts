import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideClearInvoiceTo, decideSetInvoiceTo } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { type CommandResult, commandResult } from '../commands/command-result';
import { loadRelatedClient, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { ClearInvoiceToCommand, SetInvoiceToCommand } from './relation-commands';

/**
 * Decided over the client, its new target and its old target; each gets an event at the version
 * read, so A → B racing B → C conflicts on B instead of making a chain.
 */
@CommandHandler(SetInvoiceToCommand)
export class SetInvoiceToHandler implements ICommandHandler<SetInvoiceToCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, otherId, metadata }: SetInvoiceToCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [client, target] = await Promise.all([loadRelatedClient(this.store, clientId), loadRelatedClient(this.store, otherId)]);
      const previousId = client.value.relations.invoiceToId;
      const previous = previousId && previousId !== otherId ? [await loadRelatedClient(this.store, previousId)] : [];
      return {
        events: decideSetInvoiceTo({ type: 'SetInvoiceTo', data: { clientId, invoiceToId: otherId } }, client.value, target.value),
        versions: versionsOf(client, target, ...previous),
      };
    });
    return commandResult(clientId, result);
  }
}

@CommandHandler(ClearInvoiceToCommand)
export class ClearInvoiceToHandler implements ICommandHandler<ClearInvoiceToCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, metadata }: ClearInvoiceToCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const client = await loadRelatedClient(this.store, clientId);
      const targetId = client.value.relations.invoiceToId;
      const target = targetId ? [await loadRelatedClient(this.store, targetId)] : [];
      return {
        events: decideClearInvoiceTo({ type: 'ClearInvoiceTo', data: { clientId } }, client.value),
        versions: versionsOf(client, ...target),
      };
    });
    return commandResult(clientId, result);
  }
}
