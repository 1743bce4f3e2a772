/**
 * Personal data belongs to a subject: a natural person the hub keeps it for, under a key of their
 * own. A person client is `client:<id>`, a contact `contact:<id>` (the same keys as `mainKey`).
 * Every subject also has a scope: the client relationship the data serves, erased with it.
 */
export const clientSubject = (clientId: string): string => `client:${clientId}`;
export const contactSubject = (contactId: string): string => `contact:${contactId}`;

/** What a personal field reads as once its subject's key has been erased. */
export const ERASED = 'erased';

/** The contact id of a `contact:<id>` subject, or undefined for any other subject. */
export function contactIdOfSubject(subject: string): string | undefined {
  return subject.startsWith('contact:') ? subject.slice('contact:'.length) : undefined;
}

/** The contact ids among subjects (the others are person clients). */
export function contactIdsOf(subjects: readonly string[]): string[] {
  return subjects.map(contactIdOfSubject).filter((id): id is string => id !== undefined);
}
