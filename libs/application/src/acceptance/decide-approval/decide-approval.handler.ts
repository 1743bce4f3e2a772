import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideApproval } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClientFile } from '../../commands/client-file';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { DecideApprovalCommand } from './decide-approval.command';

@CommandHandler(DecideApprovalCommand)
export class DecideApprovalHandler implements ICommandHandler<DecideApprovalCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, input, actor, metadata }: DecideApprovalCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const file = await loadClientFile(this.store, clientId);
      return {
        events: decideApproval({ type: 'DecideApproval', data: { clientId, ...input } }, file.client, file.acceptance, { actor }),
        versions: new Map([[clientStream(clientId), file.version]]),
      };
    });
    return commandResult(clientId, result);
  }
}
