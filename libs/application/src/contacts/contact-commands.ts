import { Command } from '@nestjs/cqrs';
import type { ContactData, ContactPatch, MainRef } from '@koppelhub/domain';
import type { CommandMetadata } from '../commands/command-metadata';

export interface ContactCommandResult {
  contactId: string;
  /** Global position of the last event written, 0 when nothing changed. */
  position: number;
  changed: boolean;
}

export class RegisterContactCommand extends Command<ContactCommandResult> {
  constructor(
    readonly clientId: string,
    readonly contact: ContactData,
    /** A contact may carry its main when registered; it is linked in the same append. */
    readonly main: MainRef | undefined,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

export class ChangeContactCommand extends Command<ContactCommandResult> {
  constructor(
    readonly contactId: string,
    readonly patch: ContactPatch,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

export class RemoveContactCommand extends Command<ContactCommandResult> {
  constructor(
    readonly contactId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

export class LinkContactToMainCommand extends Command<ContactCommandResult> {
  constructor(
    readonly contactId: string,
    readonly main: MainRef,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

export class UnlinkContactFromMainCommand extends Command<ContactCommandResult> {
  constructor(
    readonly contactId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

/** Gives the contact's portal user access to a client, through its registration there. */
export class GrantPortalAccessCommand extends Command<ContactCommandResult> {
  constructor(
    readonly contactId: string,
    readonly clientId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
