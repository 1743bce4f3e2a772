import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideAttachClusterMember, MemberOfAnotherCluster } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClient } from '../../commands/client-streams';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { AttachClusterMemberCommand } from '../cluster-command';

/**
 * Decided over member and head together and appended to both streams at their read versions, so
 * of two users attaching one client to two heads at once exactly one wins; the other, on retry,
 * is told which head took it.
 */
@CommandHandler(AttachClusterMemberCommand)
export class AttachClusterMemberHandler implements ICommandHandler<AttachClusterMemberCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, headId, metadata }: AttachClusterMemberCommand): Promise<CommandResult> {
    try {
      const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
        const [member, head] = await Promise.all([loadClient(this.store, clientId), loadClient(this.store, headId)]);
        return {
          events: decideAttachClusterMember(
            { type: 'AttachClusterMember', data: { memberId: clientId, headId } },
            member.state,
            head.state,
          ),
          versions: new Map([
            [clientStream(clientId), member.version],
            [clientStream(headId), head.version],
          ]),
        };
      });
      return commandResult(clientId, result);
    } catch (error) {
      if (error instanceof MemberOfAnotherCluster) throw await this.namingTheHead(error);
      throw error;
    }
  }

  /** Adds the other head's client number, which people recognise better than an id. */
  private async namingTheHead(error: MemberOfAnotherCluster): Promise<MemberOfAnotherCluster> {
    const { clientId, headId } = error.details as { clientId: string; headId: string };
    const head = await loadClient(this.store, headId);
    return new MemberOfAnotherCluster(clientId, headId, head.state.exists ? head.state.clientNumber : undefined);
  }
}
