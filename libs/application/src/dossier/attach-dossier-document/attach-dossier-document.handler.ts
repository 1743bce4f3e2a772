import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { clientStream, decideAttachDossierDocument } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClientFile } from '../../commands/client-file';
import { derivedId } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { AttachDossierDocumentCommand } from './attach-dossier-document.command';

@CommandHandler(AttachDossierDocumentCommand)
export class AttachDossierDocumentHandler implements ICommandHandler<AttachDossierDocumentCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, document, metadata }: AttachDossierDocumentCommand): Promise<CommandResult> {
    const documentId = derivedId(metadata.commandId, 'document');
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const file = await loadClientFile(this.store, clientId);
      return {
        events: decideAttachDossierDocument(
          { type: 'AttachDossierDocument', data: { clientId, documentId, document } },
          file.client,
          file.dossier,
        ),
        versions: new Map([[clientStream(clientId), file.version]]),
      };
    });
    return commandResult(clientId, result);
  }
}
