import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

/** hernummeren: gives a client a new client number, which every package is then told. */
export class RenumberClientCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly clientNumber: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
