import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideLinkContactToMain, decideRegisterContact, type DomainEvent, foldContact } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { derivedId } from '../commands/command-metadata';
import { loadClientState, loadContact, loadMain, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { type ContactCommandResult, RegisterContactCommand } from './contact-commands';
import { contactResult } from './contact-result';

/**
 * Registers a contact on its own stream (`contact-<id>`). A main given with it is linked by the
 * same rules as the link command, in the same append: the main's stream at the version read.
 */
@CommandHandler(RegisterContactCommand)
export class RegisterContactHandler implements ICommandHandler<RegisterContactCommand, ContactCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, contact, main, metadata }: RegisterContactCommand): Promise<ContactCommandResult> {
    const contactId = derivedId(metadata.commandId, 'contact');
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [client, existing] = await Promise.all([loadClientState(this.store, clientId), loadContact(this.store, contactId)]);
      // The same request racing itself (same command id, so same contact id): the first one's events stand.
      if (existing.events[0]?.metadata.commandId === metadata.commandId) return { events: [], versions: versionsOf(existing) };
      const registered = decideRegisterContact(
        { type: 'RegisterContact', data: { contactId, clientId, contact } },
        client.value,
        existing.value,
      );
      if (!main) return { events: registered, versions: versionsOf(existing) };
      const loadedMain = await loadMain(this.store, main);
      const linked = decideLinkContactToMain(
        { type: 'LinkContactToMain', data: { contactId, main } },
        foldContact(registered),
        loadedMain.value,
      );
      return { events: [...registered, ...linked] as DomainEvent[], versions: versionsOf(existing, loadedMain) };
    });
    return contactResult(contactId, result);
  }
}
