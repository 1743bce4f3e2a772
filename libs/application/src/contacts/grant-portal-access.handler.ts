import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideGrantPortalAccess, type MainRef, mainKey } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { loadClientState, loadContact, loadMain, versionsOf } from '../commands/relation-loaders';
import { relationEventStream } from '../commands/relation-event-stream';
import { EVENT_STORE } from '../runtime/tokens';
import { type ContactCommandResult, GrantPortalAccessCommand } from './contact-commands';
import { contactResult } from './contact-result';

/** The portal user is the contact's main with every contact linked to it; all are read, the contact and its main checked at their versions. */
@CommandHandler(GrantPortalAccessCommand)
export class GrantPortalAccessHandler implements ICommandHandler<GrantPortalAccessCommand, ContactCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contactId, clientId, metadata }: GrantPortalAccessCommand): Promise<ContactCommandResult> {
    const result = await decideAndAppend(this.store, metadata, relationEventStream, async () => {
      const [contact, client] = await Promise.all([loadContact(this.store, contactId), loadClientState(this.store, clientId)]);
      const mainRef: MainRef = (contact.value.exists && contact.value.main) || { kind: 'contact', id: contactId };
      const main = await loadMain(this.store, mainRef);
      const memberIds =
        main.value.kind === 'client'
          ? main.value.linkedContactIds
          : [main.value.id, ...(main.value.contact.exists ? main.value.contact.linkedContactIds : [])];
      const members = await Promise.all(memberIds.filter((id) => id !== contactId).map((id) => loadContact(this.store, id)));
      return {
        events: decideGrantPortalAccess(
          { type: 'GrantPortalAccess', data: { contactId, clientId } },
          contact.value,
          // Not among the versions: a client, once registered, never stops existing, and a
          // concurrent change to its card has nothing to do with who sees it.
          client.value,
          mainKey(mainRef),
          members.map((m) => m.value),
        ),
        versions: versionsOf(contact, main, ...members),
        // Only one registration is written; the group it was found in must still be the same when
        // it is (the contact unlinked meanwhile would see a client it is no registration of). Every
        // change of the group writes the main's stream, so the members' own need no check.
        unchanged: versionsOf(contact, main),
      };
    });
    return contactResult(contactId, result);
  }
}
