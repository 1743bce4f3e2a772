import {
  type Checkpoint,
  type FoldableEvent,
  type ReadAllOptions,
  START_CHECKPOINT,
  type Subscription,
  type SubscriptionLag,
  type SubscriptionOptions,
} from '../event-store.port';
import type { EventStore } from '../event-store.port';
import { isAfterCheckpoint, laterCheckpoint } from '../subscriptions/checkpoint-order';
import { PositionWaiters } from '../subscriptions/position-waiters';
import type { AppendSignal } from './append-signal';

/**
 * A page of events as the subscription hands them on: `EventStore.readAll` or `readForFold`, and
 * with `through`, also every event up to that horizon (see ReadThrough).
 */
export type PageReader<E extends FoldableEvent> = (options: ReadAllOptions & ReadThrough) => Promise<E[]>;

/** What a subscription needs of its store, beside its pages. */
export interface SubscriptionSource extends Pick<EventStore, 'headPosition'> {
  countAfter(checkpoint: Checkpoint, types?: readonly string[]): Promise<number>;
  covers(checkpoint: Checkpoint, position: number, types?: readonly string[]): Promise<boolean>;
  /** The last event no transaction can still come before: the newest below the oldest writer in flight. */
  horizon(): Promise<Checkpoint | undefined>;
}

/**
 * A horizon taken before a read: every event up to it is final, so the read takes them all. The
 * read's own bound can lie below it: a transaction that never wrote to the log and ended between
 * the read's snapshot and its look at pg_locks holds the read back (es_read_horizon cannot tell it
 * from a writer), and a read that came back short would then have passed events it never saw.
 */
export interface ReadThrough {
  through?: Checkpoint;
}

/** How long to wait for a late transaction before looking again (it may roll back, which notifies nobody). */
const BLOCKED_RETRY_MS = 20;
/** A safety net only: wake-ups come from the append signal. */
const IDLE_RECHECK_MS = 10_000;
const MAX_ERROR_BACKOFF_MS = 5_000;
/**
 * Appends of other types signalled since the last read, past which callers are no longer settled
 * by a look alone: each moves the head away from what the last read knew to hold none of the
 * subscription's types, and a look scans from there.
 */
export const LOOK_ALONE_WITHIN_APPENDS = 32;

/**
 * A checkpointed catch-up subscription. It reads batches in delivery order, hands each to the
 * handler (which stores the checkpoint with its own writes) and sleeps until the append signal
 * fires. Errors (a database restart, a failing handler) are retried with backoff from the stored
 * checkpoint, so nothing is skipped and nothing is applied twice.
 */
export class PostgresSubscription<E extends FoldableEvent> implements Subscription {
  readonly id: string;
  private running = false;
  private loop?: Promise<void>;
  private checkpoint: Checkpoint = START_CHECKPOINT;
  /**
   * How far the log is known to hold none of the subscription's types beyond the checkpoint. The
   * checkpoint moves only with a handled event; for a read model whose types are rare it would
   * stay far behind the head, and every read, count and wait would scan the log from there. Kept
   * in memory: after a restart the first read scans from the checkpoint once.
   */
  private scanned: Checkpoint = START_CHECKPOINT;
  private wake?: () => void;
  private pendingWake = false;
  /** A caller started waiting since the loop last looked. */
  private pendingWaiter = false;
  /** Appends signalled since the last read that held none of the subscription's types. */
  private otherAppends = 0;
  private lastError?: string;
  private readonly waiters: PositionWaiters;
  private unsubscribe?: () => void;

  constructor(
    private readonly store: SubscriptionSource,
    private readonly readPage: PageReader<E>,
    private readonly signal: AppendSignal,
    private readonly options: SubscriptionOptions<E>,
    private readonly onStopped: () => void,
  ) {
    this.id = options.id;
    this.waiters = new PositionWaiters(options.id);
  }

  start(): void {
    this.running = true;
    this.unsubscribe = this.signal.onAppended((types) => {
      if (this.concerns(types)) this.poke();
      else this.otherAppends++;
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.poke();
    await this.loop;
    this.waiters.stopWaiting();
    this.onStopped();
  }

  async lag(): Promise<SubscriptionLag> {
    const [headPosition, behind] = await Promise.all([
      this.store.headPosition(),
      this.store.countAfter(this.cursor(), this.options.types),
    ]);
    return { subscriptionId: this.id, checkpoint: this.checkpoint, headPosition, behind, lastError: this.lastError };
  }

  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    const settled = this.waiters.add(position, timeoutMs);
    this.pendingWaiter = true;
    this.wake?.();
    return settled;
  }

  /**
   * Whether an append of these types may hold something for this subscription. A read model wakes
   * only for its own types: six of them woke for every append, and most read nothing.
   */
  private concerns(types: ReadonlySet<string> | undefined): boolean {
    const mine = this.options.types;
    return !types || !mine || mine.some((type) => types.has(type));
  }

  private poke(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** Where reading goes on from: nothing of the subscription's types lies between it and the checkpoint. */
  private cursor(): Checkpoint {
    return laterCheckpoint(this.checkpoint, this.scanned);
  }

  private async run(): Promise<void> {
    let backoff = 100;
    let loaded = false;
    let prefetched: Promise<{ batch: E[]; horizon?: Checkpoint }> | undefined;
    // Set while the loop sleeps with nothing to read and nothing in flight before it.
    let idle = false;
    // A batch the handler took in whose commit is not yet counted, and the last commit on its way.
    let earlier: Promise<void> | undefined;
    let lastCommit: Promise<void> | undefined;
    const limit = this.options.batchSize ?? 500;
    const types = this.options.types;
    // The horizon is taken before the read: everything up to it is final and visible to the read,
    // so a read that comes back short has seen every event of its types up to the horizon.
    const read = async (after: Checkpoint) => {
      const horizon = types ? await this.store.horizon() : undefined;
      return { batch: await this.readPage({ after, limit, types, through: horizon }), horizon };
    };
    // A pass that got through without an error: whatever failed before (a database restart) has
    // recovered, whether or not the pass found events of the subscription's types. Cleared only
    // after a handled batch, a read model of rare types kept reporting the old error for days.
    const recovered = () => {
      this.lastError = undefined;
      backoff = 100;
    };
    while (this.running) {
      try {
        if (!loaded) {
          const stored = await this.options.handler.loadCheckpoint();
          // Set back behind what this loop handled (a rebuild in another process swapped its table
          // in): what was scanned beyond it no longer holds, and is read again.
          if (isAfterCheckpoint(this.checkpoint, stored)) this.scanned = START_CHECKPOINT;
          this.checkpoint = stored;
          loaded = true;
        }
        // Woken by callers alone, with no append signalled: what they wait for is most likely
        // handled already (a read model of other types, or one that took the append at once), so
        // one look settles them, where a read, a horizon and a count would find nothing new.
        if (idle && this.pendingWaiter && !this.pendingWake && this.otherAppends < LOOK_ALONE_WITHIN_APPENDS) {
          this.pendingWaiter = false;
          await this.settleWaiters();
          if (this.waiters.size === 0) {
            recovered();
            await this.sleep(IDLE_RECHECK_MS);
            continue;
          }
        }
        idle = false;
        this.pendingWake = false;
        this.pendingWaiter = false;
        this.otherAppends = 0;
        const { batch, horizon } = await (prefetched ?? read(this.cursor()));
        prefetched = undefined;
        if (batch.length > 0) {
          const last = batch[batch.length - 1];
          const next = { transactionId: last.transactionId, position: last.position };
          const full = batch.length === limit;
          // A full batch means more is waiting: read it while the handler writes this one.
          if (full) {
            prefetched = read(next);
            prefetched.catch(() => undefined);
          }
          const taken = await this.options.handler.handle(batch, next);
          lastCommit = taken?.committed;
          // The batch before, committing while the handler took this one in, is counted first.
          await earlier;
          earlier = undefined;
          const counted = (async () => {
            await taken?.committed;
            this.checkpoint = next;
            if (!full && horizon) this.scanned = laterCheckpoint(this.scanned, horizon);
            await this.settleWaiters();
            recovered();
          })();
          // Only while more is waiting is the next batch taken in before this one has committed.
          if (taken && full) {
            earlier = counted;
            earlier.catch(() => undefined);
          } else {
            await counted;
          }
          continue;
        }
        await earlier;
        earlier = undefined;
        if (horizon) this.scanned = laterCheckpoint(this.scanned, horizon);
        await this.settleWaiters();
        const blocked = (await this.store.countAfter(this.cursor(), types)) > 0;
        // Only an idle sleep: a loop waiting on a transaction in flight keeps its short retry.
        idle = !blocked;
        recovered();
        await this.sleep(blocked ? BLOCKED_RETRY_MS : IDLE_RECHECK_MS);
      } catch (error) {
        this.lastError = (error as Error).message;
        // Resume from what the handler really stored, once no write of it is on its way: its
        // transactions may have rolled back.
        await settled(earlier, lastCommit);
        earlier = lastCommit = undefined;
        loaded = false;
        prefetched = undefined;
        idle = false;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_ERROR_BACKOFF_MS);
      }
    }
    // Stopped: nothing of the handler's is left on its way (a failed write is read again at the next start).
    await settled(earlier, lastCommit);
  }

  private async settleWaiters(): Promise<void> {
    const cursor = this.cursor();
    await this.waiters.settle((position) => this.store.covers(cursor, position, this.options.types));
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake || this.pendingWaiter || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}

/** Resolves once every promise given has settled, whichever way. */
const settled = (...promises: Array<Promise<unknown> | undefined>): Promise<unknown> =>
  Promise.allSettled(promises.filter((promise) => promise !== undefined));
