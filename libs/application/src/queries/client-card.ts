import { type ClientState, displayName, foldAcceptance } from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';

/** The client card as the API shows it: current state straight from the client's own stream. */
export function toClientCard(state: ClientState & { exists: true }, events: RecordedEvent[]) {
  const { id, kind, clientNumber, status, details, cluster } = state;
  // Geen klant meer carries its end date (docs/domain.md); it is kept with the acceptance steps.
  const ended = foldAcceptance(events).ended;
  return {
    id,
    clientNumber,
    ...(state.formerClientNumbers.length > 0 ? { formerClientNumbers: [...state.formerClientNumbers] } : {}),
    kind,
    status,
    ...(ended ? { endDate: ended.endDate } : {}),
    name: displayName(kind, details),
    ...details,
    cluster:
      cluster.role === 'head'
        ? { role: 'head' as const, memberCount: cluster.memberIds.length }
        : cluster.role === 'member'
          ? { role: 'member' as const, headId: cluster.headId }
          : { role: 'none' as const },
    version: events.length,
    registeredAt: events[0]?.recordedAt,
    updatedAt: events[events.length - 1]?.recordedAt,
  };
}

export type ClientCard = ReturnType<typeof toClientCard>;
