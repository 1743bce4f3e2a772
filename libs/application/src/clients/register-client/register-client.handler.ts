import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideRegisterClient, DuplicateClientNumber, initialClientState } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { derivedId } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { RegisterClientCommand } from './register-client.command';

/**
 * A new client's stream cannot have a history, so nothing is read: the append expects both the
 * client stream and its client-number reservation to be new, and a taken number loses there.
 */
@CommandHandler(RegisterClientCommand)
export class RegisterClientHandler implements ICommandHandler<RegisterClientCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, metadata }: RegisterClientCommand): Promise<CommandResult> {
    const clientId = derivedId(metadata.commandId, 'client');
    const events = decideRegisterClient({ type: 'RegisterClient', data: { clientId, ...input } }, initialClientState);
    const result = await decideAndAppend(
      this.store,
      metadata,
      clientEventStream,
      async () => ({ events, versions: new Map() }),
      {
        translateConflict: (conflict) =>
          conflict.stream.startsWith('client_number-') ? new DuplicateClientNumber(input.clientNumber) : undefined,
      },
    );
    return commandResult(clientId, result);
  }
}
