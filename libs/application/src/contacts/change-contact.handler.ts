import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideChangeContact } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { loadContact, loadFollowingContacts, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { ChangeContactCommand, type ContactCommandResult } from './contact-commands';
import { contactResult } from './contact-result';

/** A main's change and the sync of every contact linked to it are one append, at the versions read. */
@CommandHandler(ChangeContactCommand)
export class ChangeContactHandler implements ICommandHandler<ChangeContactCommand, ContactCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contactId, patch, metadata }: ChangeContactCommand): Promise<ContactCommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const contact = await loadContact(this.store, contactId);
      const linkedIds = contact.value.exists ? contact.value.linkedContactIds : [];
      const linked = await loadFollowingContacts(this.store, linkedIds);
      return {
        events: decideChangeContact(
          { type: 'ChangeContact', data: { contactId, patch } },
          contact.value,
          linked.map((l) => l.value),
        ),
        versions: versionsOf(contact, ...linked),
      };
    });
    return contactResult(contactId, result);
  }
}
