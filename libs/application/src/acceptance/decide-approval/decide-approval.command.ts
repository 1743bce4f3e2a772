import { Command } from '@nestjs/cqrs';
import type { Actor } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export class DecideApprovalCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly input: { decision: 'approved' | 'rejected'; reason?: string },
    readonly actor: Actor,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
