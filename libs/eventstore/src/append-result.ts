import type { AppendResult, RecordedEvent } from './event-store.port';

/**
 * An append's result. The streams' versions are worked out from the events when first read: the
 * hub's commands never read them, and building the record on every append cost about as much as
 * the rest of the result (each stream name becomes a property key V8 has to internalise).
 */
export function appendResult(events: RecordedEvent[], alreadyAppended: boolean): AppendResult {
  let versions: Record<string, number> | undefined;
  return {
    events,
    alreadyAppended,
    get streamVersions() {
      return (versions ??= streamVersionsOf(events));
    },
  };
}

function streamVersionsOf(events: readonly RecordedEvent[]): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const event of events) versions[event.stream] = Math.max(versions[event.stream] ?? 0, event.streamVersion);
  return versions;
}
