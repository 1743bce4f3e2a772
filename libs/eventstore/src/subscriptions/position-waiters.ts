import { PositionNotReached, SubscriptionStopped } from '../errors';
import { furthestCovered } from './furthest-covered';

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Callers waiting for a subscription to handle a position, as both adapters keep them: each with a
 * time limit, settled together by the furthest position the log shows handled.
 */
export class PositionWaiters {
  private waiting: Waiter[] = [];
  /**
   * The furthest position a look has found handled, with everything below it. A subscription's
   * position only moves on (unless a rebuild sets it back: forgetReached), so it stays handled: a
   * caller for it or below is answered at once.
   */
  private reached = 0;

  constructor(private readonly subscriptionId: string) {}

  get size(): number {
    return this.waiting.length;
  }

  /** The subscription was set back: positions found handled before must be looked at again. */
  forgetReached(): void {
    this.reached = 0;
  }

  /** Whether a look has already found this position handled. */
  hasReached(position: number): boolean {
    return position <= this.reached;
  }

  /** Resolves once `settle` finds the position handled; rejects after `timeoutMs`. */
  add(position: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new PositionNotReached(this.subscriptionId, position, timeoutMs));
      }, timeoutMs);
      // A caller's wait is no reason for the process to stay up.
      timer.unref();
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiting.push(waiter);
    });
  }

  /**
   * The subscription stopped: no look will settle its callers any more (a restarted one has
   * waiters of its own), so each is told now rather than at its time limit.
   */
  stopWaiting(): void {
    const stopped = this.waiting;
    this.waiting = [];
    stopped.forEach((w) => w.reject(new SubscriptionStopped(this.subscriptionId, w.position)));
  }

  /** Settles every caller up to the furthest position `covers` holds for. */
  async settle(covers: (position: number) => Promise<boolean>): Promise<void> {
    if (this.waiting.length === 0) return;
    const reached = await furthestCovered(
      this.waiting.map((w) => w.position),
      covers,
    );
    if (reached === undefined) return;
    this.reached = Math.max(this.reached, reached);
    // Callers who came while it looked, up to that position, are as covered as the others.
    const settled = this.waiting.filter((w) => w.position <= reached);
    this.waiting = this.waiting.filter((w) => w.position > reached);
    settled.forEach((w) => w.resolve());
  }
}
