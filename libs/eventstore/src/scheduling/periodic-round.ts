/**
 * A round of work every interval, one at a time: a round still running when the next is due is
 * not doubled, and `tick` joins it. Errors go to `onError`, so a failed round never stops the
 * next one. The timer never keeps a process alive; `stop` waits for the round in hand.
 */
export class PeriodicRound {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly options: { everyMs: number; onError?: (error: unknown) => void },
  ) {}

  /** Starts the timer (an interval of 0 or less never runs); `now` also runs a first round at once. */
  start({ now = false } = {}): void {
    if (this.timer || this.options.everyMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.options.everyMs);
    this.timer.unref();
    if (now) void this.tick();
  }

  /** One round now, or the one already running; exposed so it can be driven without waiting. */
  tick(): Promise<void> {
    this.running ??= this.round()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
