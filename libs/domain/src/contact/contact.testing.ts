import type { ContactEvent } from './contact.events';
import type { ContactData, MainRef } from './contact.model';
import { type ContactState, foldContact } from './contact.state';

/** Builders for the contact specs. */
export const contactData = (overrides: Partial<ContactData> = {}): ContactData => ({
  name: { initials: 'J.P.', firstNames: 'Jan Pieter', prefix: 'de', surname: 'Vries' },
  role: 'Directeur',
  email: 'jan@vbholding.nl',
  phone: '030-2345671',
  private: {},
  portal: true,
  ...overrides,
});

export const contactRegistered = (contactId: string, clientId: string, data: ContactData = contactData()): ContactEvent => ({
  type: 'ContactRegistered',
  data: { contactId, clientId, contact: data },
});

export const linkedTo = (contactId: string, clientId: string, main: MainRef): ContactEvent => ({
  type: 'ContactLinkedToMain',
  data: { contactId, clientId, main },
});

export const hasLinked = (contactId: string, linkedContactId: string): ContactEvent => ({
  type: 'LinkedContactAdded',
  data: { contactId, linkedContactId },
});

export const givenContact = (...events: ContactEvent[]): ContactState => foldContact(events);
