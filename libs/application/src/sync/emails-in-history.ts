import type { RecordedEvent } from '@koppelhub/eventstore';

/**
 * Every e-mail address a contact's or a client's stream has given it, lower-cased (one login
 * whatever its case). A portal user whose login was one of them may have shared it with this
 * contact or person, and been held back for it, or freed by this change.
 */
export function emailsInHistory(history: readonly RecordedEvent[]): Set<string> {
  const emails = new Set<string>();
  for (const event of history) {
    const data = event.data as { contact?: { email?: unknown }; details?: { email?: unknown } };
    const email = data.contact?.email ?? data.details?.email;
    if (typeof email === 'string') emails.add(email.toLowerCase());
  }
  return emails;
}
