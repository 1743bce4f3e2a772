import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideDetachClusterMember, initialClientState } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClient } from '../../commands/client-streams';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { DetachClusterMemberCommand } from '../cluster-command';

@CommandHandler(DetachClusterMemberCommand)
export class DetachClusterMemberHandler implements ICommandHandler<DetachClusterMemberCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, metadata }: DetachClusterMemberCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const member = await loadClient(this.store, clientId);
      const headId = member.state.exists && member.state.cluster.role === 'member' ? member.state.cluster.headId : undefined;
      const head = headId ? await loadClient(this.store, headId) : { state: initialClientState, version: 0 };
      const versions = new Map([[clientStream(clientId), member.version]]);
      if (headId) versions.set(clientStream(headId), head.version);
      return {
        events: decideDetachClusterMember(
          { type: 'DetachClusterMember', data: { memberId: clientId } },
          member.state,
          head.state,
        ),
        versions,
      };
    });
    return commandResult(clientId, result);
  }
}
