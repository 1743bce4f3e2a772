import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideClearCorrespondenceCompany, decideSetCorrespondenceCompany } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { type CommandResult, commandResult } from '../commands/command-result';
import { loadClientState, loadOwnershipStructure, loadRelatedClient, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { ClearCorrespondenceCompanyCommand, SetCorrespondenceCompanyCommand } from './relation-commands';

/**
 * Only the person's stream is written; the company and the ownership structure are read to judge
 * "related". A relation ending later does not undo the choice: the mailing address read model
 * still shows it, and the user changes it there.
 */
@CommandHandler(SetCorrespondenceCompanyCommand)
export class SetCorrespondenceCompanyHandler implements ICommandHandler<SetCorrespondenceCompanyCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, otherId, metadata }: SetCorrespondenceCompanyCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [person, company, structure] = await Promise.all([
        loadRelatedClient(this.store, clientId),
        loadClientState(this.store, otherId),
        loadOwnershipStructure(this.store),
      ]);
      return {
        events: decideSetCorrespondenceCompany(
          { type: 'SetCorrespondenceCompany', data: { clientId, companyId: otherId } },
          person.value,
          company.value,
          structure.value.links,
        ),
        versions: versionsOf(person),
      };
    });
    return commandResult(clientId, result);
  }
}

@CommandHandler(ClearCorrespondenceCompanyCommand)
export class ClearCorrespondenceCompanyHandler implements ICommandHandler<ClearCorrespondenceCompanyCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, metadata }: ClearCorrespondenceCompanyCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const person = await loadRelatedClient(this.store, clientId);
      return {
        events: decideClearCorrespondenceCompany({ type: 'ClearCorrespondenceCompany', data: { clientId } }, person.value),
        versions: versionsOf(person),
      };
    });
    return commandResult(clientId, result);
  }
}
