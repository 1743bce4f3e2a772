import { Command } from '@nestjs/cqrs';
import type { WwftRegistration } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export class RecordWwftRegistrationCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    /** The registration as it now stands; UBOs left out are prefilled from the ownership structure. */
    readonly registration: WwftRegistration,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
