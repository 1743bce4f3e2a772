import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideDesignateClusterHead } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClient } from '../../commands/client-streams';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { DesignateClusterHeadCommand } from '../cluster-command';

@CommandHandler(DesignateClusterHeadCommand)
export class DesignateClusterHeadHandler implements ICommandHandler<DesignateClusterHeadCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, metadata }: DesignateClusterHeadCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const client = await loadClient(this.store, clientId);
      return {
        events: decideDesignateClusterHead({ type: 'DesignateClusterHead', data: { clientId } }, client.state),
        versions: new Map([[clientStream(clientId), client.version]]),
      };
    });
    return commandResult(clientId, result);
  }
}
