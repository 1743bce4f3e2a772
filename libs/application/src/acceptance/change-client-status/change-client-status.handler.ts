import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideChangeClientStatus } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { PrincipalDirectory } from '../../auth/principal-directory';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClientFile } from '../../commands/client-file';
import { loadInvoiceTarget } from '../../commands/invoice-target';
import { versionsOf } from '../../commands/relation-loaders';
import { decisionTimeOf } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { ChangeClientStatusCommand } from './change-client-status.command';

/**
 * One step of the acceptance workflow, decided over the client's whole file (card, dossier,
 * approval) at one stream version: a dossier change racing the step to Klant conflicts and retries.
 */
@CommandHandler(ChangeClientStatusCommand)
export class ChangeClientStatusHandler implements ICommandHandler<ChangeClientStatusCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly principals: PrincipalDirectory,
  ) {}

  async execute({ clientId, input, actor, metadata }: ChangeClientStatusCommand): Promise<CommandResult> {
    // Looked up as the decision names it: trimmed.
    const approverId = input.approverId?.trim();
    const approverRoles = approverId ? await this.principals.rolesOf(approverId) : undefined;
    const now = decisionTimeOf(metadata);
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const loaded = await loadClientFile(this.store, clientId);
      // Only the step to Klant looks at the invoice-to client (the hours package needs it there).
      const invoiceTo = input.to === 'Klant' ? await loadInvoiceTarget(this.store, clientId, loaded.events) : undefined;
      const file = invoiceTo ? { ...loaded, invoiceTarget: invoiceTo.target } : loaded;
      return {
        events: decideChangeClientStatus({ type: 'ChangeClientStatus', data: { clientId, ...input } }, file, {
          now,
          actor,
          ...(approverRoles ? { approverRoles } : {}),
        }),
        versions: new Map([[clientStream(clientId), file.version]]),
        // Klant rests on the invoice-to client's card as read: a concurrent change there conflicts.
        ...(invoiceTo ? { unchanged: versionsOf(invoiceTo.read) } : {}),
      };
    });
    return commandResult(clientId, result);
  }
}
