import type { AppendResult } from '@koppelhub/eventstore';
import type { ContactCommandResult } from './contact-commands';

export function contactResult(contactId: string, result: AppendResult): ContactCommandResult {
  const last = result.events.at(-1);
  return { contactId, position: last?.position ?? 0, changed: result.events.length > 0 && !result.alreadyAppended };
}
