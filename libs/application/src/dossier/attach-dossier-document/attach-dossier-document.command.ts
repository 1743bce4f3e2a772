import { Command } from '@nestjs/cqrs';
import type { DossierDocument } from '@koppelhub/domain';
import type { CommandMetadata } from '../../commands/command-metadata';
import type { CommandResult } from '../../commands/command-result';

export class AttachDossierDocumentCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly document: DossierDocument,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
