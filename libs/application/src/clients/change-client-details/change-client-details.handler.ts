import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideChangeClientDetails, type DomainEvent, evolveClient, syncContactsOfPersonClient } from '@koppelhub/domain';
import { loadCardChangeReads } from '../../commands/card-change-reads';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { decisionTimeOf } from '../../commands/command-metadata';
import { loadFollowingContacts, loadRelatedClient, versionsOf } from '../../commands/relation-loaders';
import { relationEventStream } from '../../commands/relation-event-stream';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { EVENT_STORE } from '../../runtime/tokens';
import { ChangeClientDetailsCommand } from './change-client-details.command';

@CommandHandler(ChangeClientDetailsCommand)
export class ChangeClientDetailsHandler implements ICommandHandler<ChangeClientDetailsCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, patch, metadata }: ChangeClientDetailsCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const client = await loadRelatedClient(this.store, clientId);
      const reads = await loadCardChangeReads(this.store, client.value.state, client.events, patch);
      const context = { ...reads.context, now: decisionTimeOf(metadata) };
      const changed = decideChangeClientDetails({ type: 'ChangeClientDetails', data: { clientId, patch } }, client.value.state, context);
      // A person client is the main of the contacts linked to it: they follow its name and private
      // data in the same append, each at the version read (koppelen aan hoofdpersoon).
      const linked = changed.length > 0 ? await loadFollowingContacts(this.store, client.value.relations.linkedContactIds) : [];
      const after = changed.reduce(evolveClient, client.value.state);
      const synced = syncContactsOfPersonClient(after, linked.map((l) => l.value), client.value.state);
      return { events: [...changed, ...synced] as DomainEvent[], versions: versionsOf(client, ...linked), unchanged: reads.unchanged };
    });
    return commandResult(clientId, result);
  }
}
