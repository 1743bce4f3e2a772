import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideLinkContactToMain, decideUnlinkContactFromMain } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { loadContact, loadMain, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { type ContactCommandResult, LinkContactToMainCommand, UnlinkContactFromMainCommand } from './contact-commands';
import { contactResult } from './contact-result';

/**
 * Decided over the contact and its main and appended to both streams at the versions read: two
 * links that would together make two levels (C → K while K → M) touch K's stream and conflict.
 */
@CommandHandler(LinkContactToMainCommand)
export class LinkContactToMainHandler implements ICommandHandler<LinkContactToMainCommand, ContactCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contactId, main, metadata }: LinkContactToMainCommand): Promise<ContactCommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [contact, loadedMain] = await Promise.all([loadContact(this.store, contactId), loadMain(this.store, main)]);
      return {
        events: decideLinkContactToMain({ type: 'LinkContactToMain', data: { contactId, main } }, contact.value, loadedMain.value),
        versions: versionsOf(contact, loadedMain),
      };
    });
    return contactResult(contactId, result);
  }
}

@CommandHandler(UnlinkContactFromMainCommand)
export class UnlinkContactFromMainHandler implements ICommandHandler<UnlinkContactFromMainCommand, ContactCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contactId, metadata }: UnlinkContactFromMainCommand): Promise<ContactCommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const contact = await loadContact(this.store, contactId);
      const main = contact.value.exists && contact.value.main ? [await loadMain(this.store, contact.value.main)] : [];
      return {
        events: decideUnlinkContactFromMain({ type: 'UnlinkContactFromMain', data: { contactId } }, contact.value),
        versions: versionsOf(contact, ...main),
      };
    });
    return contactResult(contactId, result);
  }
}
