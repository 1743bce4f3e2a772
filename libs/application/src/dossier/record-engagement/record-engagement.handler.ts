import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideRecordEngagement } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClientFile } from '../../commands/client-file';
import { derivedId } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { RecordEngagementCommand } from './record-engagement.command';

@CommandHandler(RecordEngagementCommand)
export class RecordEngagementHandler implements ICommandHandler<RecordEngagementCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, engagement, metadata }: RecordEngagementCommand): Promise<CommandResult> {
    const engagementId = derivedId(metadata.commandId, 'engagement');
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const file = await loadClientFile(this.store, clientId);
      return {
        events: decideRecordEngagement(
          { type: 'RecordEngagement', data: { clientId, engagementId, engagement } },
          file.client,
          file.dossier,
        ),
        versions: new Map([[clientStream(clientId), file.version]]),
      };
    });
    return commandResult(clientId, result);
  }
}
