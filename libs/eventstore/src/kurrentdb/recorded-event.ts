import type { RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../event-store.port';
import { asJsonObject, fromStoredMetadata } from './metadata-codec';
import { checkpointOf, type KurrentPosition, versionOf } from './revisions';
import type { StreamScope } from './stream-scope';

/** A stored event with the `$all` position it was read at, kept for ordering and paging. */
export interface ReadEvent {
  event: RecordedEvent;
  at: KurrentPosition;
}

/**
 * The port's view of a KurrentDB event, or undefined for one the port never sees (a system event,
 * a stream outside the store's prefix). Stream names lose the prefix, revisions become versions.
 */
export function toReadEvent(
  recorded: KurrentRecordedEvent | undefined,
  scope: StreamScope,
  types?: readonly string[],
): ReadEvent | undefined {
  if (!recorded || !scope.accepts(recorded.streamId, recorded.type, types)) return undefined;
  const stream = scope.fromServer(recorded.streamId)!;
  if (!recorded.position) {
    // Servers since 22.6 report every event's position; 25.1 is required at open.
    throw new Error(`KurrentDB returned event ${recorded.id} without its $all position`);
  }
  const at = { commit: recorded.position.commit, prepare: recorded.position.prepare };
  const { transactionId, position } = checkpointOf(at);
  return {
    at,
    event: {
      id: recorded.id,
      stream,
      streamVersion: versionOf(recorded.revision),
      position,
      transactionId,
      type: recorded.type,
      data: asJsonObject(recorded.data, 'data'),
      metadata: fromStoredMetadata(recorded.metadata),
      recordedAt: recorded.created,
    },
  };
}
