import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideLinkPartner, decideUnlinkPartner } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { type CommandResult, commandResult } from '../commands/command-result';
import { loadRelatedClient, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { LinkPartnerCommand, UnlinkPartnerCommand } from './relation-commands';

/** Both partners' streams at their versions: two people choosing the same partner at once cannot both win. */
@CommandHandler(LinkPartnerCommand)
export class LinkPartnerHandler implements ICommandHandler<LinkPartnerCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, otherId, metadata }: LinkPartnerCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [client, partner] = await Promise.all([loadRelatedClient(this.store, clientId), loadRelatedClient(this.store, otherId)]);
      return {
        events: decideLinkPartner({ type: 'LinkPartner', data: { clientId, partnerId: otherId } }, client.value, partner.value),
        versions: versionsOf(client, partner),
      };
    });
    return commandResult(clientId, result);
  }
}

@CommandHandler(UnlinkPartnerCommand)
export class UnlinkPartnerHandler implements ICommandHandler<UnlinkPartnerCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, metadata }: UnlinkPartnerCommand): Promise<CommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const client = await loadRelatedClient(this.store, clientId);
      const partnerId = client.value.relations.partnerId;
      const partner = partnerId ? [await loadRelatedClient(this.store, partnerId)] : [];
      return {
        events: decideUnlinkPartner({ type: 'UnlinkPartner', data: { clientId } }, client.value),
        versions: versionsOf(client, ...partner),
      };
    });
    return commandResult(clientId, result);
  }
}
