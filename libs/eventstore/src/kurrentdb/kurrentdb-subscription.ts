import {
  type Checkpoint,
  START_CHECKPOINT,
  type Subscription,
  type SubscriptionLag,
  type SubscriptionOptions,
} from '../event-store.port';
import { PositionWaiters } from '../subscriptions/position-waiters';
import { batches } from './batches';
import type { ReadEvent } from './recorded-event';
import { isAfter, positionOf } from './revisions';

/** A live `$all` feed from a checkpoint: the port's events, undefined for ones it does not see. */
export interface LiveFeed {
  events: AsyncIterator<ReadEvent | undefined>;
  onCaughtUp(listener: () => void): void;
  close(): Promise<void>;
}

/** What a subscription needs of its store. */
export interface FeedSource {
  follow(after: Checkpoint, types?: readonly string[]): LiveFeed;
  headPosition(): Promise<number>;
  /** Events (of these types) after the checkpoint, counted up to `cap`. */
  countAfter(checkpoint: Checkpoint, types: readonly string[] | undefined, cap: number): Promise<number>;
  /** True when no event (of these types) at or below `position` lies beyond the checkpoint. */
  covers(checkpoint: Checkpoint, position: number, types?: readonly string[]): Promise<boolean>;
}

/** lag() counts at most this many events: past it, "behind" says "at least this many". */
export const LAG_COUNT_CAP = 10_000;
/** How long a batch waits for one more event before it goes to the handler. */
const LINGER_MS = 5;
/** Waiters are settled after every batch; this re-check only covers events the server filtered out. */
const WAITER_RECHECK_MS = 250;
const MAX_ERROR_BACKOFF_MS = 5_000;

const STOPPED = Symbol('stopped');

/**
 * A checkpointed catch-up subscription on `$all` (KurrentDB's own catch-up subscription, from the
 * handler's checkpoint). Events are handed over in batches; the handler stores the checkpoint with
 * its own writes. On any error (a failing handler, a dropped connection) the feed is closed and
 * reopened from the checkpoint the handler really stored, after a backoff.
 */
export class KurrentDbSubscription implements Subscription {
  readonly id: string;
  private running = false;
  private loop?: Promise<void>;
  private checkpoint: Checkpoint = START_CHECKPOINT;
  private lastError?: string;
  private readonly waiters: PositionWaiters;
  private recheck?: NodeJS.Timeout;
  private settling?: Promise<void>;
  private settleAgain = false;
  /** Those waiting on something that stop() cuts short (see untilStopped). */
  private readonly stopListeners = new Set<() => void>();

  constructor(
    private readonly source: FeedSource,
    private readonly options: SubscriptionOptions,
    private readonly onStopped: () => void,
  ) {
    this.id = options.id;
    this.waiters = new PositionWaiters(options.id);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const listener of this.stopListeners) listener();
    clearInterval(this.recheck);
    await this.loop;
    this.waiters.stopWaiting();
    this.onStopped();
  }

  /** `behind` is counted by reading `$all` after the checkpoint, up to LAG_COUNT_CAP events. */
  async lag(): Promise<SubscriptionLag> {
    const checkpoint = this.checkpoint;
    const [headPosition, behind] = await Promise.all([
      this.source.headPosition(),
      this.source.countAfter(checkpoint, this.options.types, LAG_COUNT_CAP),
    ]);
    return { subscriptionId: this.id, checkpoint, headPosition, behind, lastError: this.lastError };
  }

  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    const settled = this.waiters.add(position, timeoutMs);
    if (!this.recheck) {
      this.recheck = setInterval(() => void this.settleWaiters(), WAITER_RECHECK_MS);
      this.recheck.unref();
    }
    void this.settleWaiters();
    return settled;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    const limit = this.options.batchSize ?? 500;
    while (this.running) {
      let feed: LiveFeed | undefined;
      try {
        // Resume from what the handler really stored: after an error its transaction may have rolled back.
        this.checkpoint = await this.options.handler.loadCheckpoint();
        feed = this.source.follow(this.checkpoint, this.options.types);
        feed.onCaughtUp(() => void this.settleWaiters());
        const feedBatches = batches(feed.events, limit, LINGER_MS);
        for (;;) {
          const next = await this.untilStopped(feedBatches.next());
          if (next === STOPPED || next.done) break;
          await this.deliver(next.value);
          backoff = 100;
        }
        // The server ended the feed without an error: open it again from the checkpoint, unhurried.
        if (this.running) await this.untilStopped(sleep(backoff));
      } catch (error) {
        if (!this.running) break;
        this.lastError = (error as Error).message;
        await this.untilStopped(sleep(backoff));
        backoff = Math.min(backoff * 2, MAX_ERROR_BACKOFF_MS);
      } finally {
        await feed?.close();
      }
    }
  }

  /**
   * What `promise` gives, or STOPPED once stop() is called. Not a race against one promise kept
   * until the stop: each race would leave a reaction on it holding its batch, so a subscription
   * would keep every batch it ever handled for as long as it runs.
   */
  private untilStopped<T>(promise: Promise<T>): Promise<T | typeof STOPPED> {
    if (!this.running) {
      // Not waited for: its failure (the feed closed under it) must not go unhandled.
      promise.catch(() => undefined);
      return Promise.resolve(STOPPED);
    }
    return new Promise<T | typeof STOPPED>((resolve, reject) => {
      const onStop = () => resolve(STOPPED);
      this.stopListeners.add(onStop);
      promise.then(resolve, reject).finally(() => this.stopListeners.delete(onStop));
    });
  }

  private async deliver(batch: (ReadEvent | undefined)[]): Promise<void> {
    // The feed starts after the checkpoint; the check guards against a server counting it inclusively.
    const from = positionOf(this.checkpoint);
    const events = batch.filter((e): e is ReadEvent => e !== undefined && isAfter(e.at, from));
    if (events.length > 0) {
      const last = events[events.length - 1].event;
      const next: Checkpoint = { transactionId: last.transactionId, position: last.position };
      const taken = await this.options.handler.handle(
        events.map((e) => e.event),
        next,
      );
      // One batch at a time here: the feed pushes the next only once this one is handled.
      await taken?.committed;
      this.checkpoint = next;
      this.lastError = undefined;
    }
    await this.settleWaiters();
  }

  /** One settle at a time; a request arriving meanwhile runs once more afterwards. */
  private settleWaiters(): Promise<void> {
    if (this.settling) {
      this.settleAgain = true;
      return this.settling;
    }
    this.settling = (async () => {
      do {
        this.settleAgain = false;
        await this.settleOnce().catch(() => undefined); // a failed look is retried by the next trigger
      } while (this.settleAgain);
      this.settling = undefined;
      if (this.waiters.size === 0) {
        clearInterval(this.recheck);
        this.recheck = undefined;
      }
    })();
    return this.settling;
  }

  private async settleOnce(): Promise<void> {
    const checkpoint = this.checkpoint;
    await this.waiters.settle((position) => this.source.covers(checkpoint, position, this.options.types));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
