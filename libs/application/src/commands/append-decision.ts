import { DomainError, type DomainEvent, effectiveDateOf } from '@koppelhub/domain';
import {
  appendResult,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type StreamAppend,
  WrongExpectedVersion,
} from '@koppelhub/eventstore';
import { ConcurrencyConflict, LostToConcurrentChange } from './concurrency-conflict';
import { type CommandMetadata, derivedId } from './command-metadata';

export interface Decision {
  events: DomainEvent[];
  /** Version read for each stream the decision was based on; other streams must be new. */
  versions: ReadonlyMap<string, number>;
  /** Streams that must not exist, checked in the same append without writing to them. */
  absent?: readonly string[];
  /**
   * Streams read and relied on but not written: their version must still be the one read, checked
   * in the same append (a rule over two clients holds when both change at once).
   */
  unchanged?: ReadonlyMap<string, number>;
}

/**
 * Appends a decision's events, grouped per stream, atomically with the versions read. Event ids
 * derive from the command id, so a repeated command finds its events already stored.
 */
export function appendDecision(
  store: EventStore,
  decision: Decision,
  streamOf: (event: DomainEvent) => string,
  metadata: CommandMetadata,
): Promise<AppendResult> {
  const appends = new Map<string, StreamAppend>();
  decision.events.forEach((event, index) => {
    const stream = streamOf(event);
    const read = decision.versions.get(stream);
    const expectedVersion: ExpectedVersion = read === undefined || read === 0 ? 'no_stream' : read;
    const append = appends.get(stream) ?? { stream, expectedVersion, events: [] };
    const effectiveAt = effectiveDateOf(event);
    append.events.push({
      id: derivedId(metadata.commandId, `event-${index}`),
      type: event.type,
      data: event.data as JsonObject,
      metadata: { ...metadata, ...(effectiveAt ? { effectiveAt } : {}) },
    });
    appends.set(stream, append);
  });
  for (const stream of decision.absent ?? []) {
    if (!appends.has(stream)) appends.set(stream, { stream, expectedVersion: 'no_stream', events: [] });
  }
  for (const [stream, version] of decision.unchanged ?? []) {
    if (!appends.has(stream)) appends.set(stream, { stream, expectedVersion: version === 0 ? 'no_stream' : version, events: [] });
  }
  return store.append([...appends.values()]);
}

export interface RetryOptions {
  maxAttempts?: number;
  /** Turns a conflict on a stream into a domain error instead of a retry (e.g. a taken client number). */
  translateConflict?: (conflict: WrongExpectedVersion) => Error | undefined;
}

/**
 * Load, decide, append; on a version conflict load again and decide again, a bounded number of
 * times. An empty decision appends nothing, so a resent command is safe.
 */
export async function decideAndAppend(
  store: EventStore,
  metadata: CommandMetadata,
  streamOf: (event: DomainEvent) => string,
  attempt: () => Promise<Decision>,
  options: RetryOptions = {},
): Promise<AppendResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let round = 1; ; round++) {
    const decision = await attempt().catch((error: unknown) => {
      // Decided again after a conflict: a rule that held before was broken by the change that won.
      throw round > 1 && error instanceof DomainError && error.kind === 'rule' ? new LostToConcurrentChange(error) : error;
    });
    if (decision.events.length === 0) return appendResult([], false);
    try {
      return await appendDecision(store, decision, streamOf, metadata);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      const translated = options.translateConflict?.(error);
      if (translated) throw translated;
      if (round >= maxAttempts) throw new ConcurrencyConflict(error.stream);
      // A little jitter keeps concurrent retries of the same clients from colliding in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * round));
    }
  }
}
