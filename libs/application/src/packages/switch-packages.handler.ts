import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideChangeClientDetails } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { clientEventStream } from '../commands/client-event-stream';
import { loadClient } from '../commands/client-streams';
import { loadCardChangeReads } from '../commands/card-change-reads';
import { decisionTimeOf } from '../commands/command-metadata';
import { type CommandResult, commandResult } from '../commands/command-result';
import { EVENT_STORE } from '../runtime/tokens';
import { SwitchPackagesCommand } from './switch-packages.command';

/**
 * Packages and debtor number are part of the client card, so a switch is a ClientDetailsChanged
 * with `changedFields` naming them: every reader of the card (search, connectors) already follows
 * that event. Before Klant missing data is allowed here (`GET …/readiness` says what each package
 * still needs); once the packages hold the client, a switch must bring what its package needs.
 */
@CommandHandler(SwitchPackagesCommand)
export class SwitchPackagesHandler implements ICommandHandler<SwitchPackagesCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, packages, debtorNumber, metadata }: SwitchPackagesCommand): Promise<CommandResult> {
    const patch = { packages, ...(debtorNumber !== undefined ? { debtorNumber } : {}) };
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const client = await loadClient(this.store, clientId);
      const reads = await loadCardChangeReads(this.store, client.state, client.events, patch);
      return {
        events: decideChangeClientDetails({ type: 'ChangeClientDetails', data: { clientId, patch } }, client.state, {
          ...reads.context,
          now: decisionTimeOf(metadata),
        }),
        versions: new Map([[clientStream(clientId), client.version]]),
        unchanged: reads.unchanged,
      };
    });
    return commandResult(clientId, result);
  }
}
