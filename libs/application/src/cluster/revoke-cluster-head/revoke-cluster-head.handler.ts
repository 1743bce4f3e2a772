import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideRevokeClusterHead } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClient } from '../../commands/client-streams';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { RevokeClusterHeadCommand } from '../cluster-command';

/** Appends to the head's stream at its read version: an attach racing with the revoke conflicts. */
@CommandHandler(RevokeClusterHeadCommand)
export class RevokeClusterHeadHandler implements ICommandHandler<RevokeClusterHeadCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, metadata }: RevokeClusterHeadCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const client = await loadClient(this.store, clientId);
      return {
        events: decideRevokeClusterHead({ type: 'RevokeClusterHead', data: { clientId } }, client.state),
        versions: new Map([[clientStream(clientId), client.version]]),
      };
    });
    return commandResult(clientId, result);
  }
}
