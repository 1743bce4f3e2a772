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

  constructor(private readonly subscriptionId: string) {}

  get size(): number {
    return this.waiting.length;
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

  /**
   * Settles the callers waiting when the look began, up to the furthest of their positions
   * `covers` holds for. Only those: on PostgreSQL positions are taken at insert, not at commit,
   * so a look can find a position covered while an append below it is still in flight, out of its
   * sight. A caller's own append has committed before it asks, so a look begun after it came sees
   * that append; a caller who came during the look (or after it, for a position below one found
   * covered) waits for the next look, which its coming asks for.
   */
  async settle(covers: (position: number) => Promise<boolean>): Promise<void> {
    if (this.waiting.length === 0) return;
    const looked = new Set(this.waiting);
    const reached = await furthestCovered(
      [...looked].map((w) => w.position),
      covers,
    );
    if (reached === undefined) return;
    const settled = this.waiting.filter((w) => looked.has(w) && w.position <= reached);
    if (settled.length === 0) return;
    const done = new Set(settled);
    this.waiting = this.waiting.filter((w) => !done.has(w));
    settled.forEach((w) => w.resolve());
  }
}
