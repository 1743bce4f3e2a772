import { personDisplayName, type RegisteredContact } from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';

export function toContactCard(state: RegisteredContact, events: RecordedEvent[]) {
  const { id, clientId, data, main, linkedContactIds } = state;
  return {
    id,
    clientId,
    name: personDisplayName(data.name),
    ...data.name,
    ...(data.role !== undefined ? { role: data.role } : {}),
    ...(data.email !== undefined ? { email: data.email } : {}),
    ...(data.phone !== undefined ? { phone: data.phone } : {}),
    private: data.private,
    portal: data.portal,
    ...(main ? { main } : {}),
    linkedContactIds,
    version: events.at(-1)?.streamVersion ?? 0,
    updatedAt: events.at(-1)?.recordedAt,
  };
}

export type ContactCard = ReturnType<typeof toContactCard>;
