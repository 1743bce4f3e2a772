/**
 * The event store port. Streams are versioned from 1 (an empty stream is version 0); adapters whose
 * engine counts differently normalise here, never in callers.
 */
export type JsonObject = { [key: string]: unknown };

export interface EventMetadata {
  actor: string;
  commandId: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  /** Business date an event takes effect when it differs from the recording time (e.g. a backdated end). */
  effectiveAt?: string;
  [key: string]: unknown;
}

export interface NewEvent {
  /** Unique per event: appending an id that is already stored appends nothing (idempotent retries). */
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

/** `no_stream`: the stream must be empty; `any`: no check; a number: the stream's current version. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface StreamAppend {
  stream: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
}

export interface RecordedEvent {
  id: string;
  stream: string;
  streamVersion: number;
  /** Global position: unique and increasing in append order. */
  position: number;
  /** Orders delivery to subscriptions; opaque outside the adapter. */
  transactionId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * What a read model's fold reads of an event: its rows follow from the events' types, data and
 * times, never from their ids, streams or metadata. A reader that leaves those out reads a page of
 * the log in about three quarters of the time (`readForFold`).
 */
export type FoldableEvent = Pick<RecordedEvent, 'position' | 'transactionId' | 'type' | 'data' | 'recordedAt'>;

export interface AppendResult {
  /** The stored events, whether written now or already present from an earlier identical append. */
  events: RecordedEvent[];
  /** Version of every stream written to, after the append. */
  streamVersions: Record<string, number>;
  /** True when every event id was already stored: nothing was written this time. */
  alreadyAppended: boolean;
}

/** Where a subscription has got to: the (transaction, position) pair of the last event it handled. */
export interface Checkpoint {
  transactionId: string;
  position: number;
}

export const START_CHECKPOINT: Checkpoint = { transactionId: '0', position: 0 };

export interface ReadAllOptions {
  after?: Checkpoint;
  limit?: number;
  /** Only events of these types; the others are passed over (a read model reads what it folds). */
  types?: readonly string[];
}

export interface SubscriptionLag {
  subscriptionId: string;
  checkpoint: Checkpoint;
  headPosition: number;
  /** Events stored beyond the checkpoint. */
  behind: number;
  lastError?: string;
}

/** `E`: the events as its subscription reads them, whole or as a fold reads them (`subscribeForFold`). */
export interface SubscriptionHandler<E extends FoldableEvent = RecordedEvent> {
  /** Where to resume; read from the same place the handler writes its checkpoint. */
  loadCheckpoint(): Promise<Checkpoint>;
  /**
   * Handles a batch in delivery order. The handler stores `checkpoint` itself, in the same
   * transaction as its own writes, so a crash never applies a batch twice or skips one. It may
   * answer before its writes have committed (see `BatchOnItsWay`).
   */
  handle(events: E[], checkpoint: Checkpoint): Promise<void | BatchOnItsWay>;
}

/**
 * A batch the handler has taken in and is still writing: the subscription may hand it the next
 * batch meanwhile, and counts this one handled (its checkpoint, its waiters) once `committed`
 * resolves. A handler answering this writes its batches in the order it took them, and fails
 * every batch after one whose write failed: the subscription then resumes from the stored
 * checkpoint.
 */
export interface BatchOnItsWay {
  committed: Promise<void>;
}

export interface SubscriptionOptions<E extends FoldableEvent = RecordedEvent> {
  id: string;
  handler: SubscriptionHandler<E>;
  batchSize?: number;
  /** Deliver only these event types (all when absent). */
  types?: readonly string[];
}

export interface Subscription {
  readonly id: string;
  lag(): Promise<SubscriptionLag>;
  /** Resolves once every event up to `position` has been handled. */
  waitFor(position: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ReadStreamOptions {
  /** The first version to read (1, the stream's first event, when absent). */
  fromVersion?: number;
  /** At most this many events; the rest of the stream when absent. */
  limit?: number;
}

export interface EventStore {
  /** Appends atomically to one or several streams, each checked against its expected version. */
  append(appends: StreamAppend[]): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Several whole streams in one read, each in version order; a stream with no events maps to []. */
  readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Events in subscription order after a checkpoint (only committed ones that can no longer be preceded). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The same events as `readAll`, with what a fold reads of them only (a rebuild's pages). */
  readForFold(options?: ReadAllOptions): Promise<FoldableEvent[]>;
  headPosition(): Promise<number>;
  subscribe(options: SubscriptionOptions): Subscription;
  /** A subscription whose batches are read as `readForFold` reads them: a read model's. */
  subscribeForFold(options: SubscriptionOptions<FoldableEvent>): Subscription;
}

/** Events grouped under the streams asked for, in the order read; a stream without events maps to []. */
export function groupByStream(streams: readonly string[], events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const grouped = new Map<string, RecordedEvent[]>(streams.map((stream) => [stream, []]));
  for (const event of events) grouped.get(event.stream)?.push(event);
  return grouped;
}
