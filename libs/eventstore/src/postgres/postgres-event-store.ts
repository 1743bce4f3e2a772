import { PartiallyDuplicateAppend, PositionSequenceCached, TransactionIdsBehindLog, WrongExpectedVersion } from '../errors';
import {
  groupByStream,
  type AppendResult,
  type Checkpoint,
  type EventMetadata,
  type EventStore,
  type FoldableEvent,
  type JsonObject,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START_CHECKPOINT,
  type StreamAppend,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
import { AppendBatcher, type BatchLimits, type BatchRow } from './append-batcher';
import { AppendSignal } from './append-signal';
import type { Database } from './database/database';
import { type Upcaster, UpcasterChain } from '../upcasting/upcaster';
import { EVENT_COLUMNS, type EventRow, FOLD_COLUMNS, type FoldRow, toFoldableEvent, toRecordedEvent } from './event-row';
import { appendResult } from '../append-result';
import { assertRetryOf } from '../retry-check';
import { type PageReader, PostgresSubscription, type ReadThrough } from './postgres-subscription';

/** The event store on PostgreSQL, on a server or on embedded PGlite alike. */
export class PostgresEventStore implements EventStore {
  private readonly signal: AppendSignal;
  private readonly subscriptions = new Set<Subscription>();
  private readonly toEvent: (row: EventRow) => RecordedEvent;
  private readonly batcher: AppendBatcher;

  private constructor(
    readonly database: Database,
    private readonly upcasters: UpcasterChain,
    limits: BatchLimits,
  ) {
    this.signal = new AppendSignal(database, () => this.batcher.busy);
    this.toEvent = (row) => upcasters.upcast(toRecordedEvent(row));
    this.batcher = new AppendBatcher(async (batch) => {
      const channel = this.signal.channelForBatch();
      let answered = false;
      try {
        const { rows } = await database.pool.query<BatchRow>({
          name: this.named('es_append_batch'),
          text: 'select * from es_append_batch($1, $2, $3)',
          values: [JSON.stringify(batch), channel, this.signal.sender],
        });
        answered = true;
        return rows;
      } finally {
        this.signal.batchEnded(channel !== null, answered);
      }
    }, limits);
  }

  /**
   * The schema must be migrated (see `eventStoreMigrations`). Events are read through the
   * upcasters, so every reader sees each type at its current schema version. Refuses a log whose
   * transaction ids the database has not reached (see TransactionIdsBehindLog), and a position
   * sequence that hands out numbers in advance (see PositionSequenceCached).
   */
  static async open(
    database: Database,
    options: { upcasters?: readonly Upcaster[]; batchLimits?: BatchLimits } = {},
  ): Promise<PostgresEventStore> {
    const limits = options.batchLimits ?? (database.mode === 'server' ? SERVER_BATCHES : EMBEDDED_BATCHES);
    await assertTransactionIdsAhead(database);
    await assertPositionsOneAtATime(database);
    const store = new PostgresEventStore(database, new UpcasterChain(options.upcasters), limits);
    await store.signal.start();
    return store;
  }

  /**
   * The name for a statement the store sends often: a named statement is parsed once per connection
   * and, once PostgreSQL settles on a generic plan, planned once too (parsing and planning took about
   * two thirds of a subscription's read). Embedded mode leaves them unnamed: its socket connections
   * share one PGlite session, where a name could already be taken.
   */
  private named(name: string): string | undefined {
    return this.database.mode === 'server' ? name : undefined;
  }

  async append(appends: StreamAppend[]): Promise<AppendResult> {
    const streams = appends.map((a) => ({
      stream: a.stream,
      expected: a.expectedVersion === 'any' ? -1 : a.expectedVersion === 'no_stream' ? 0 : a.expectedVersion,
    }));
    if (new Set(streams.map((s) => s.stream)).size !== streams.length) {
      throw new Error('an append names each stream once');
    }
    const events = appends.flatMap((a) =>
      a.events.map((e): EventToSend => ({
        id: canonicalId(e.id),
        stream: a.stream,
        type: e.type,
        data: e.data,
        metadata: this.upcasters.stamp(e.type, e.metadata),
      })),
    );
    if (events.length === 0) return appendResult([], false);

    const rows = await this.batcher.submit({ streams, events });
    const outcome = rows[0]?.outcome;
    if (outcome !== 'appended' && outcome !== 'stored') throw refusal(rows[0], events.map((e) => e.id));

    const alreadyAppended = outcome === 'stored';
    const recorded = alreadyAppended ? await this.storedAs(events) : appendedAs(rows, events);
    // Stored events too: the append that wrote them may have lost its answer (and its wake-up)
    // with its connection, and this retry is the only one left to say they are there. A needless
    // wake-up costs a read that finds nothing. Other processes are woken by the batch (see send).
    this.signal.notify(new Set(events.map((e) => e.type)));
    return appendResult(recorded, alreadyAppended);
  }

  /** The stored events of an append whose ids the log holds already, read as every reader reads them (upcast). */
  private async storedAs(events: readonly EventToSend[]): Promise<RecordedEvent[]> {
    const { rows } = await this.database.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events where event_id = any($1::uuid[]) order by global_position`,
      [events.map((e) => e.id)],
    );
    const stored = rows.map(this.toEvent);
    assertRetryOf(events, stored);
    return stored;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.database.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events where stream_name = $1 and stream_version >= $2 order by stream_version limit $3`,
      [stream, options.fromVersion ?? 1, options.limit ?? null],
    );
    return rows.map(this.toEvent);
  }

  async readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const { rows } = await this.database.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events where stream_name = any($1::text[]) order by stream_name, stream_version`,
      [streams],
    );
    return groupByStream(streams, rows.map(this.toEvent));
  }

  /**
   * Reads in delivery order, (transaction id, position), and only below the oldest transaction
   * still in flight: an event committed later by an older transaction can then never appear behind
   * a checkpoint already handed out.
   */
  async readAll(options: ReadAllOptions & ReadThrough = {}): Promise<RecordedEvent[]> {
    return (await this.readPage<EventRow>('es_read_all', READ_ALL_SQL, options)).map(this.toEvent);
  }

  /** `readAll`'s events as a fold reads them (FOLD_COLUMNS), upcast alike. */
  async readForFold(options: ReadAllOptions & ReadThrough = {}): Promise<FoldableEvent[]> {
    const rows = await this.readPage<FoldRow>('es_read_for_fold', READ_FOR_FOLD_SQL, options);
    const events: FoldableEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = this.upcasters.upcastFoldable(toFoldableEvent(rows[i]), rows[i].schema_version);
    return events;
  }

  /** A page's rows by one of the `readAllOf` statements, named `name` on a server. */
  private async readPage<Row extends object>(name: string, text: string, options: ReadAllOptions & ReadThrough): Promise<Row[]> {
    const after = options.after ?? START_CHECKPOINT;
    // `$5`: the transaction after a horizon taken before, if any (see ReadThrough).
    const through = options.through ? String(BigInt(options.through.transactionId) + 1n) : null;
    const { rows } = await this.database.pool.query<Row>({
      name: this.named(name),
      text,
      values: [after.transactionId, after.position, options.limit ?? 1000, options.types ?? null, through],
    });
    return rows;
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.database.pool.query<{ head: string | null }>(
      'select max(global_position) as head from es_events',
    );
    return Number(rows[0].head ?? 0);
  }

  /** Events (of the given types) stored beyond a checkpoint, whether deliverable yet or not. */
  async countAfter(checkpoint: Checkpoint, types?: readonly string[]): Promise<number> {
    const { rows } = await this.database.pool.query<{ behind: string }>(
      `select count(*) as behind from es_events where (transaction_id, global_position) > ($1::xid8, $2::bigint)
         and ($3::text[] is null or event_type = any($3::text[]))`,
      [checkpoint.transactionId, checkpoint.position, types ?? null],
    );
    return Number(rows[0].behind);
  }

  /**
   * The newest event below the oldest transaction in flight that writes to the log: none can still
   * be committed before it.
   */
  async horizon(): Promise<Checkpoint | undefined> {
    const { rows } = await this.database.pool.query<{ transaction_text: string; global_position: string }>({
      name: this.named('es_horizon'),
      text: HORIZON_SQL,
    });
    return rows[0] ? { transactionId: rows[0].transaction_text, position: Number(rows[0].global_position) } : undefined;
  }

  /** True when no event (of the given types) at or below `position` lies beyond the checkpoint. */
  async covers(checkpoint: Checkpoint, position: number, types?: readonly string[]): Promise<boolean> {
    const { rows } = await this.database.pool.query({
      name: this.named('es_covers'),
      text: COVERS_SQL,
      values: [checkpoint.transactionId, checkpoint.position, position, types ?? null],
    });
    return rows.length === 0;
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return this.startSubscription(options, (page) => this.readAll(page));
  }

  subscribeForFold(options: SubscriptionOptions<FoldableEvent>): Subscription {
    return this.startSubscription(options, (page) => this.readForFold(page));
  }

  private startSubscription<E extends FoldableEvent>(options: SubscriptionOptions<E>, readPage: PageReader<E>): Subscription {
    const subscription = new PostgresSubscription(this, readPage, this.signal, options, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /** Stops subscriptions and the listener; the database itself belongs to the caller. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.signal.close();
  }
}

/**
 * A page of events in delivery order beyond a checkpoint, below the oldest transaction in flight that
 * writes to the log (es_read_horizon, with this statement's snapshot), or below `$5` when higher:
 * the transaction after a horizon taken before (ReadThrough).
 */
const readAllOf = (columns: string): string => `select ${columns} from es_events
  where (transaction_id, global_position) > ($1::xid8, $2::bigint)
    and transaction_id < greatest((select es_read_horizon(pg_current_snapshot())), $5::xid8)
    and ($4::text[] is null or event_type = any($4::text[]))
  order by transaction_id, global_position
  limit $3`;

export const READ_ALL_SQL = readAllOf(EVENT_COLUMNS);

/** The same page with what a fold reads of each event (`readForFold`). */
export const READ_FOR_FOLD_SQL = readAllOf(FOLD_COLUMNS);

/**
 * The first event (of the given types) at or below a position beyond a checkpoint, if any: walked in
 * the delivery-order index from the checkpoint, so it touches only what the subscription has yet to
 * handle. Asked as EXISTS, the planner took it for a search that stops at the first match and
 * scanned the whole log from its start (about 1 ms at 10,000 events, with statistics or without).
 */
export const COVERS_SQL = `select global_position from es_events
  where (transaction_id, global_position) > ($1::xid8, $2::bigint) and global_position <= $3
    and ($4::text[] is null or event_type = any($4::text[]))
  order by transaction_id, global_position
  limit 1`;

/**
 * The last entry of the delivery-order index below the oldest transaction in flight that writes to
 * the log. The text goes under another name: ORDER BY an output column named transaction_id would
 * sort that text, reading the whole index, instead of taking its last entry.
 */
export const HORIZON_SQL = `select transaction_id::text as transaction_text, global_position from es_events
  where transaction_id < (select es_read_horizon(pg_current_snapshot()))
  order by transaction_id desc, global_position desc limit 1`;

/**
 * Concurrent appends share a round trip and a commit (see AppendBatcher). On a server, 1 to 8 batches
 * in flight measured within 10 % of each other with 8 writers (4 slightly ahead), and four leave
 * most of the pool to reads; PGlite runs one statement at a time.
 */
const SERVER_BATCHES: BatchLimits = { maxInFlight: 4, maxAppends: 64 };
const EMBEDDED_BATCHES: BatchLimits = { maxInFlight: 1, maxAppends: 64 };

/**
 * Whether the log holds a transaction id at or past the next one the database will assign: the
 * highest one, the last entry of the delivery-order index. Asked as EXISTS, the planner scanned the
 * whole log whenever it had no statistics yet, as a freshly restored log has none (13 ms at 10,000
 * events, at every start).
 */
export const TRANSACTION_IDS_BEHIND_SQL = `select coalesce(max(transaction_id) >= pg_snapshot_xmax(pg_current_snapshot()), false) as behind
  from es_events`;

/** The position sequence's name and how many numbers it hands a session at once. */
const POSITION_SEQUENCE_SQL = `select s.seqrelid::regclass::text as sequence, s.seqcache as cache
  from pg_sequence s where s.seqrelid = pg_get_serial_sequence('es_events', 'global_position')::regclass`;

/** Positions must be handed out one at a time, as the migrations create the sequence. */
async function assertPositionsOneAtATime(database: Database): Promise<void> {
  const { rows } = await database.pool.query<{ sequence: string; cache: string }>(POSITION_SEQUENCE_SQL);
  const [{ sequence, cache }] = rows;
  if (Number(cache) > 1) throw new PositionSequenceCached(sequence, Number(cache));
}

/** No stored event may carry a transaction id at or past the next one the database will assign. */
async function assertTransactionIdsAhead(database: Database): Promise<void> {
  const { rows } = await database.pool.query<{ behind: boolean }>(TRANSACTION_IDS_BEHIND_SQL);
  if (rows[0].behind) throw new TransactionIdsBehindLog();
}

/** An event as the append sends it to es_append_batch. */
interface EventToSend {
  id: string;
  stream: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

/** Events just written: their places from the database's rows, their content as sent (and stored). */
function appendedAs(rows: readonly BatchRow[], events: readonly EventToSend[]): RecordedEvent[] {
  // The ids went lower-case (see canonicalId), as PostgreSQL answers them.
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.map((row) => {
    const source = byId.get(row.event_id);
    if (!source) throw new Error(`es_append_batch answered for event ${row.event_id}, which the append does not hold`);
    return {
      id: row.event_id,
      stream: row.stream_name,
      streamVersion: Number(row.stream_version),
      position: Number(row.global_position),
      transactionId: row.transaction_id,
      type: source.type,
      data: source.data,
      metadata: source.metadata,
      recordedAt: row.recorded_at,
    };
  });
}

/** A UUID in its canonical spelling, 8-4-4-4-12 hex digits, in either letter case. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event id as PostgreSQL gives it back: canonical and lower-case. PostgreSQL also takes braces,
 * missing or moved hyphens and upper case, and answers the canonical form, which the caller's id
 * would then not match (after the commit). Upper case is lower-cased; any other spelling refused
 * before anything is written.
 */
function canonicalId(id: string): string {
  if (typeof id !== 'string' || !CANONICAL_UUID.test(id)) {
    throw new Error(`event id ${JSON.stringify(id)} is not a UUID in canonical form (8-4-4-4-12 hex digits)`);
  }
  return id.toLowerCase();
}

function refusal(row: BatchRow | undefined, ids: string[]): Error {
  switch (row?.outcome) {
    case 'conflict': {
      const detail = JSON.parse(row.detail!) as { stream: string; expected: number; actual: number };
      return new WrongExpectedVersion(detail.stream, detail.expected === 0 ? 'no_stream' : detail.expected, detail.actual);
    }
    case 'mixed':
      return new PartiallyDuplicateAppend(ids);
    case 'undeclared':
      return new Error(`an event names stream ${row.detail} that the append does not declare`);
    default:
      return new Error(`es_append_batch answered ${row?.outcome ?? 'nothing'} for an append`);
  }
}
