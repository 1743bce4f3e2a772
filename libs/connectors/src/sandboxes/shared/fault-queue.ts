import type { Fault } from './fault';

/** Faults waiting to be played, first in first out; each is played `count` times, then dropped. */
export class FaultQueue {
  private readonly pending: Array<{ fault: Fault; remaining: number }> = [];

  add(fault: Fault): void {
    this.pending.push({ fault, remaining: fault.count ?? 1 });
  }

  /** The fault for the next answer, if any, counting it as played. */
  take(): Fault | undefined {
    const head = this.pending[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.pending.shift();
    return head.fault;
  }

  clear(): void {
    this.pending.length = 0;
  }

  size(): number {
    return this.pending.reduce((sum, entry) => sum + entry.remaining, 0);
  }
}
