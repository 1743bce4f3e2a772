import { KurrentDBClient, START } from '@kurrent/kurrentdb-client';
import {
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type FoldableEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START_CHECKPOINT,
  type StreamAppend,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
import { AllReader } from './all-reader';
import { KurrentDbAppender } from './kurrentdb-append';
import { type FeedSource, KurrentDbSubscription, type LiveFeed } from './kurrentdb-subscription';
import { toReadEvent } from './recorded-event';
import { positionOf, revisionOf, versionOf } from './revisions';
import { assertSupportedServer, type ServerVersion } from './server-version';
import { readStreamEvents } from './stream-reads';
import { StreamScope } from './stream-scope';

export interface KurrentDbEventStoreOptions {
  /**
   * A namespace on a shared server: every stream is stored as `streamPrefix + name`, and readAll,
   * headPosition and subscriptions see only streams under it (names come back without it).
   */
  streamPrefix?: string;
}

/**
 * The event store on KurrentDB 25.1+. What differs from PostgreSQL (revisions from 0, `$all`
 * positions, the idempotency window, multi-stream append) is described in docs/architecture.md,
 * "KurrentDB adapter".
 */
export class KurrentDbEventStore implements EventStore, FeedSource {
  private readonly scope: StreamScope;
  private readonly reader: AllReader;
  private readonly appender: KurrentDbAppender;
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  private constructor(
    readonly client: KurrentDBClient,
    readonly serverVersion: ServerVersion,
    private readonly ownsClient: boolean,
    options: KurrentDbEventStoreOptions,
  ) {
    this.scope = new StreamScope(options.streamPrefix);
    this.reader = new AllReader(client, this.scope);
    this.appender = new KurrentDbAppender(client, this.scope, serverVersion.text);
  }

  /**
   * Connects (a `kurrentdb://` connection string, or a client the caller keeps) and refuses a
   * server older than 25.1 before anything is written.
   */
  static async open(
    connection: string | KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
  ): Promise<KurrentDbEventStore> {
    const ownsClient = typeof connection === 'string';
    const client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    try {
      const version = assertSupportedServer(await readServerVersion(client));
      return new KurrentDbEventStore(client, version, ownsClient, options);
    } catch (error) {
      if (ownsClient) await client.dispose().catch(() => undefined);
      throw error;
    }
  }

  append(appends: StreamAppend[]): Promise<AppendResult> {
    return this.appender.append(appends);
  }

  /**
   * With a limit, reads on until that many events are kept or the stream ends: the server counts
   * the events the scope leaves out (system events) toward `maxCount`.
   */
  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const kept: RecordedEvent[] = [];
    let from = Math.max(options.fromVersion ?? 1, 1);
    for (;;) {
      const wanted = options.limit === undefined ? undefined : options.limit - kept.length;
      const events = await readStreamEvents(this.client, this.scope.toServer(stream), { fromRevision: revisionOf(from), maxCount: wanted });
      kept.push(...events.flatMap((e) => toReadEvent(e, this.scope)?.event ?? []));
      if (wanted === undefined || events.length < wanted || kept.length >= options.limit!) return kept;
      from = versionOf(events[events.length - 1].revision) + 1;
    }
  }

  /** KurrentDB reads one stream per call; the reads go side by side. */
  async readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const read = await Promise.all(streams.map(async (stream) => [stream, await this.readStream(stream)] as const));
    return new Map(read);
  }

  /** `$all` after the checkpoint, without system events (and, with a prefix, only its streams). */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = positionOf(options.after ?? START_CHECKPOINT);
    const read = await this.reader.forward(after, options.limit ?? 1000, options.types);
    return read.map((r) => r.event);
  }

  /** The events whole: KurrentDB sends each event's data and metadata together either way. */
  readForFold(options: ReadAllOptions = {}): Promise<FoldableEvent[]> {
    return this.readAll(options);
  }

  /** The commit position of the last event the store can see (read backwards from `$all`'s end). */
  async headPosition(): Promise<number> {
    return (await this.reader.last())?.event.position ?? 0;
  }

  async countAfter(checkpoint: Checkpoint, types: readonly string[] | undefined, cap: number): Promise<number> {
    return (await this.reader.forward(positionOf(checkpoint), cap, types)).length;
  }

  async covers(checkpoint: Checkpoint, position: number, types?: readonly string[]): Promise<boolean> {
    if (checkpoint.position >= position) return true;
    const [next] = await this.reader.forward(positionOf(checkpoint), 1, types);
    return next === undefined || next.event.position > position;
  }

  follow(after: Checkpoint, types?: readonly string[]): LiveFeed {
    const from = positionOf(after);
    const subscription = this.client.subscribeToAll({
      fromPosition: from === 'start' ? START : from,
      filter: this.scope.serverFilter(types),
    });
    const scope = this.scope;
    async function* events() {
      for await (const resolved of subscription) yield toReadEvent(resolved.event, scope, types);
    }
    return {
      events: events(),
      onCaughtUp: (listener) => subscription.on('caughtUp', listener),
      // Unsubscribing a feed that already failed may fail too; there is nothing left to release.
      close: () => subscription.unsubscribe().catch(() => undefined),
    };
  }

  subscribe(options: SubscriptionOptions): Subscription {
    const subscription = new KurrentDbSubscription(this, options, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /** Whole events, as `readForFold` answers them here. */
  subscribeForFold(options: SubscriptionOptions<FoldableEvent>): Subscription {
    return this.subscribe(options);
  }

  /** Stops subscriptions; closes the connection only if the store opened it. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.ownsClient) await this.client.dispose();
  }
}

/**
 * The version the server-features service reported at connect. The client keeps it behind a
 * protected getter (`capabilities`, used for its own feature checks) and exposes nothing public,
 * so this reads that getter through a narrow structural view rather than re-implementing the call.
 */
async function readServerVersion(client: KurrentDBClient): Promise<string> {
  const features = await (client as unknown as { capabilities: Promise<{ serverVersion: string }> }).capabilities;
  return features.serverVersion;
}
