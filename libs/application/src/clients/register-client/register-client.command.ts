import { Command } from '@nestjs/cqrs';
import type { ClientDetails, ClientKind } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export interface RegisterClientInput {
  kind: ClientKind;
  clientNumber: string;
  startStatus?: string;
  details: ClientDetails;
}

export class RegisterClientCommand extends Command<CommandResult> {
  constructor(
    readonly input: RegisterClientInput,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
