import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideRemoveContact } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { loadContact, loadMain, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { type ContactCommandResult, RemoveContactCommand } from './contact-commands';
import { contactResult } from './contact-result';

@CommandHandler(RemoveContactCommand)
export class RemoveContactHandler implements ICommandHandler<RemoveContactCommand, ContactCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contactId, metadata }: RemoveContactCommand): Promise<ContactCommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const contact = await loadContact(this.store, contactId);
      const main = contact.value.exists && contact.value.main ? [await loadMain(this.store, contact.value.main)] : [];
      return {
        events: decideRemoveContact({ type: 'RemoveContact', data: { contactId } }, contact.value),
        versions: versionsOf(contact, ...main),
      };
    });
    return contactResult(contactId, result);
  }
}
