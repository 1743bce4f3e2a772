import type { AppendResult, RecordedEvent } from './event-store.port';

/** An append's result, as every event store answers it. */
export function appendResult(events: RecordedEvent[], alreadyAppended: boolean): AppendResult {
  return new AppendedEvents(events, alreadyAppended);
}

/**
 * The streams' versions are worked out from the events when first read: the hub's commands never
 * read them, and building the record on every append cost about as much as the rest of the result
 * (each stream name becomes a property key V8 has to internalise).
 *
 * A class, so that the getter is the prototype's: an object literal's getter kept each result's
 * events, and the data they carry, alive through young collections (see "No getters in object
 * literals made per call" in docs/architecture.md).
 */
class AppendedEvents implements AppendResult {
  #versions?: Record<string, number>;

  constructor(
    readonly events: RecordedEvent[],
    readonly alreadyAppended: boolean,
  ) {}

  get streamVersions(): Record<string, number> {
    return (this.#versions ??= streamVersionsOf(this.events));
  }

  /** Written out with its versions, as a plain record would be. */
  toJSON(): AppendResult {
    return { events: this.events, alreadyAppended: this.alreadyAppended, streamVersions: this.streamVersions };
  }
}

function streamVersionsOf(events: readonly RecordedEvent[]): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const event of events) versions[event.stream] = Math.max(versions[event.stream] ?? 0, event.streamVersion);
  return versions;
}
