import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideApproval, type RegisteredClient } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClientFile } from '../../commands/client-file';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { loadInvoicingClients, versionsOf } from '../../commands/relation-loaders';
import { EVENT_STORE } from '../../runtime/tokens';
import { DecideApprovalCommand } from './decide-approval.command';

@CommandHandler(DecideApprovalCommand)
export class DecideApprovalHandler implements ICommandHandler<DecideApprovalCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, input, actor, metadata }: DecideApprovalCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const file = await loadClientFile(this.store, clientId);
      // Only a rejection looks at the clients invoicing to this one (their hours package needs it).
      const invoicing = input.decision === 'rejected' ? await loadInvoicingClients(this.store, file.events) : [];
      const invoicedBy = invoicing.map((read) => read.value).filter((client): client is RegisteredClient => client.exists);
      return {
        events: decideApproval({ type: 'DecideApproval', data: { clientId, ...input } }, file.client, file.acceptance, { actor, invoicedBy }),
        versions: new Map([[clientStream(clientId), file.version]]),
        // The rejection rests on those clients' status as read: a concurrent step to Klant conflicts.
        ...(invoicing.length > 0 ? { unchanged: versionsOf(...invoicing) } : {}),
      };
    });
    return commandResult(clientId, result);
  }
}
