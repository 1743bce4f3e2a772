import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientNumberStream, clientStream, decideRegisterClient, DuplicateClientNumber, initialClientState } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { decisionTimeOf, derivedId } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { RegisterClientCommand } from './register-client.command';

/** The client id that belongs to a client number: the same number always gives the same id. */
export const clientIdOf = (clientNumber: string): string => derivedId('client-number', clientNumber);

/**
 * A client's id derives from its number, so a taken number is a client stream that already
 * exists: nothing is read, the append expects the stream to be new, and a second registration of
 * the number loses there. Numbers reserved by earlier registrations (which kept a reservation
 * stream) are checked in the same append, without writing to it.
 */
@CommandHandler(RegisterClientCommand)
export class RegisterClientHandler implements ICommandHandler<RegisterClientCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, metadata }: RegisterClientCommand): Promise<CommandResult> {
    const clientId = clientIdOf(input.clientNumber);
    const events = decideRegisterClient({ type: 'RegisterClient', data: { clientId, ...input } }, initialClientState, {
      now: decisionTimeOf(metadata),
    });
    const reservation = clientNumberStream(input.clientNumber);
    const numberTaken = [clientStream(clientId), reservation];
    const result = await decideAndAppend(
      this.store,
      metadata,
      clientEventStream,
      async () => ({ events, versions: new Map(), absent: [reservation] }),
      {
        translateConflict: (conflict) =>
          numberTaken.includes(conflict.stream) ? new DuplicateClientNumber(input.clientNumber) : undefined,
      },
    );
    return commandResult(clientId, result);
  }
}
