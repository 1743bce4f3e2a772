import { Command } from '@nestjs/cqrs';
import type { Engagement } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export class RecordEngagementCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly engagement: Engagement,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
