import { Command } from '@nestjs/cqrs';
import type { Actor } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export interface ChangeClientStatusInput {
  to: string;
  approverId?: string;
  endDate?: string;
  reason?: string;
}

export class ChangeClientStatusCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly input: ChangeClientStatusInput,
    /** The authenticated principal: the workflow checks its roles per step. */
    readonly actor: Actor,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
