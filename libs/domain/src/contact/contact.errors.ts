import { DomainError } from '../shared/domain-error';

export class ContactNotFound extends DomainError {
  constructor(contactId: string) {
    super('contact.not-found', 'not-found', `contact ${contactId} does not exist`, { contactId });
  }
}

export class MainNotAPerson extends DomainError {
  constructor(clientId: string) {
    super(
      'contact.main-not-a-person',
      'rule',
      `client ${clientId} is a company; a contact is linked to the person client it is, or to another contact`,
      { clientId },
    );
  }
}

export class CannotLinkToItself extends DomainError {
  constructor(contactId: string) {
    super('contact.self-link', 'rule', `contact ${contactId} cannot be its own main`, { contactId });
  }
}

/** One level only: the chosen main is itself linked, so the user should choose that main instead. */
export class MainIsLinked extends DomainError {
  constructor(contactId: string, mainContactId: string, mainsMain: string) {
    super(
      'contact.main-is-linked',
      'rule',
      `contact ${mainContactId} is itself linked to ${mainsMain}; links are one level deep, so link ${contactId} to ${mainsMain} instead`,
      { contactId, mainContactId, mainsMain },
    );
  }
}

export class LinkCycle extends DomainError {
  constructor(contactId: string, mainContactId: string) {
    super(
      'contact.link-cycle',
      'rule',
      `contact ${mainContactId} is linked to ${contactId}; linking ${contactId} to it would make a cycle`,
      { contactId, mainContactId },
    );
  }
}

export class ContactIsAMain extends DomainError {
  constructor(contactId: string, linkedContactIds: string[]) {
    super(
      'contact.is-a-main',
      'rule',
      `contact ${contactId} is the main of ${linkedContactIds.length} contact(s); unlink them first (links are one level deep)`,
      { contactId, linkedContactIds },
    );
  }
}

export class AlreadyLinked extends DomainError {
  constructor(contactId: string, main: string) {
    super('contact.already-linked', 'rule', `contact ${contactId} is already linked to ${main}; unlink it first`, {
      contactId,
      main,
    });
  }
}

export class NotLinked extends DomainError {
  constructor(contactId: string) {
    super('contact.not-linked', 'rule', `contact ${contactId} is not linked to a main`, { contactId });
  }
}

export class PrivateDataFollowsMain extends DomainError {
  constructor(contactId: string, main: string, fields: string[]) {
    super(
      'contact.private-data-follows-main',
      'rule',
      `contact ${contactId} is linked to ${main}: its name and private data follow the main; change them there (${fields.join(', ')})`,
      { contactId, main, fields },
    );
  }
}

export class ContactAlreadyRegistered extends DomainError {
  constructor(contactId: string) {
    super('contact.already-registered', 'conflict', `contact ${contactId} is already registered`, { contactId });
  }
}
