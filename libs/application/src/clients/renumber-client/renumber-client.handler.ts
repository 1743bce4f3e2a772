import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ClientNumberReserved,
  clientNumberStream,
  clientStream,
  decideRenumberClient,
  DuplicateClientNumber,
  type NumberReservation,
} from '@koppelhub/domain';
import type { EventStore, RecordedEvent } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { loadClientState, versionsOf } from '../../commands/relation-loaders';
import { EVENT_STORE } from '../../runtime/tokens';
import { clientIdOf } from '../register-client/register-client.handler';
import { RenumberClientCommand } from './renumber-client.command';

/** Who the number's reservation stream reserves it for: the last reservation counts. */
function reservationOf(events: readonly RecordedEvent[]): NumberReservation {
  const last = events.filter((event) => event.type === 'ClientNumberReserved').at(-1);
  return last ? { heldBy: (last.data as ClientNumberReserved['data']).clientId } : {};
}

/**
 * A new number is free when no client was registered with it (that client's stream, whose id
 * derives from the number, does not exist) and no other client reserved it by renumbering. Both are
 * checked in the append that reserves it, so a registration or renumbering racing for the same
 * number conflicts, and is told the number is taken.
 */
@CommandHandler(RenumberClientCommand)
export class RenumberClientHandler implements ICommandHandler<RenumberClientCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, clientNumber, metadata }: RenumberClientCommand): Promise<CommandResult> {
    const reservation = clientNumberStream(clientNumber);
    // The client registered with this number, unless that is this client (renumbered back).
    const registeredWithIt = clientIdOf(clientNumber) === clientId ? [] : [clientStream(clientIdOf(clientNumber))];
    const numberTaken = [reservation, ...registeredWithIt];
    const result = await decideAndAppend(
      this.store,
      metadata,
      clientEventStream,
      async () => {
        const [client, reserved] = await Promise.all([loadClientState(this.store, clientId), this.store.readStream(reservation)]);
        const events = decideRenumberClient({ type: 'RenumberClient', data: { clientId, clientNumber } }, client.value, reservationOf(reserved));
        return {
          events,
          versions: new Map([...versionsOf(client), [reservation, reserved.at(-1)?.streamVersion ?? 0]]),
          absent: registeredWithIt,
        };
      },
      {
        translateConflict: (conflict) => (numberTaken.includes(conflict.stream) ? new DuplicateClientNumber(clientNumber) : undefined),
      },
    );
    return commandResult(clientId, result);
  }
}
