import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideRecordOwnership, decideRemoveOwnership } from '@koppelhub/domain';
import type { AppendResult, EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { derivedId } from '../commands/command-metadata';
import { loadClientState, loadOwnershipStructure, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { type OwnershipCommandResult, RecordOwnershipCommand, RemoveOwnershipCommand } from './ownership-commands';

const resultOf = (ownershipId: string, result: AppendResult): OwnershipCommandResult => ({
  ownershipId,
  position: result.events.at(-1)?.position ?? 0,
  changed: result.events.length > 0 && !result.alreadyAppended,
});

/**
 * Every change appends to the one `ownership-structure` stream at the version it read: two links
 * that together would pass 100 % or close a cycle cannot both be written.
 */
@CommandHandler(RecordOwnershipCommand)
export class RecordOwnershipHandler implements ICommandHandler<RecordOwnershipCommand, OwnershipCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ ownerId, ownedId, percent, metadata }: RecordOwnershipCommand): Promise<OwnershipCommandResult> {
    const ownershipId = derivedId(metadata.commandId, 'ownership');
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [structure, owner, owned] = await Promise.all([
        loadOwnershipStructure(this.store),
        loadClientState(this.store, ownerId),
        loadClientState(this.store, ownedId),
      ]);
      return {
        events: decideRecordOwnership(
          { type: 'RecordOwnership', data: { ownershipId, ownerId, ownedId, percent } },
          structure.value,
          owner.value,
          owned.value,
        ),
        versions: versionsOf(structure),
      };
    });
    return resultOf(ownershipId, result);
  }
}

@CommandHandler(RemoveOwnershipCommand)
export class RemoveOwnershipHandler implements ICommandHandler<RemoveOwnershipCommand, OwnershipCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ ownershipId, metadata }: RemoveOwnershipCommand): Promise<OwnershipCommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const structure = await loadOwnershipStructure(this.store);
      return {
        events: decideRemoveOwnership({ type: 'RemoveOwnership', data: { ownershipId } }, structure.value),
        versions: versionsOf(structure),
      };
    });
    return resultOf(ownershipId, result);
  }
}
