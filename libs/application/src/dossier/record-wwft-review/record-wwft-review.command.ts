import { Command } from '@nestjs/cqrs';
import type { RecordWwftReview } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export class RecordWwftReviewCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly input: Omit<RecordWwftReview['data'], 'clientId'>,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
