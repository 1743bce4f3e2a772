import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideRecordWwftReview } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClientFile } from '../../commands/client-file';
import { decisionTimeOf } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import type { HubRuntime } from '../../runtime/hub-runtime';
import { EVENT_STORE, HUB_RUNTIME } from '../../runtime/tokens';
import { reviewPolicyOf } from '../../settings/review-policy.settings';
import { RecordWwftReviewCommand } from './record-wwft-review.command';

@CommandHandler(RecordWwftReviewCommand)
export class RecordWwftReviewHandler implements ICommandHandler<RecordWwftReviewCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
  ) {}

  async execute({ clientId, input, metadata }: RecordWwftReviewCommand): Promise<CommandResult> {
    const context = { now: decisionTimeOf(metadata), reviewPolicy: reviewPolicyOf(this.runtime.settings) };
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const file = await loadClientFile(this.store, clientId);
      return {
        events: decideRecordWwftReview(
          { type: 'RecordWwftReview', data: { clientId, ...input } },
          file.client,
          file.dossier,
          context,
        ),
        versions: new Map([[clientStream(clientId), file.version]]),
      };
    });
    return commandResult(clientId, result);
  }
}
