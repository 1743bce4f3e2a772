import { Command } from '@nestjs/cqrs';
import type { ClientDetailsPatch } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export class ChangeClientDetailsCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly patch: ClientDetailsPatch,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
