import type { Anchor, ChainVerifier } from './chain-verifier';

export interface AnchorScheduleOptions {
  intervalMs: number;
  onAnchor?: (anchor: Anchor) => void;
  onError?: (error: unknown) => void;
}

/**
 * Takes an anchor every interval when events settled since the last one, so there is always a
 * recent digest to keep outside the database. The timer never keeps a process alive.
 */
export class AnchorSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly verifier: ChainVerifier,
    private readonly options: AnchorScheduleOptions,
  ) {}

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** One scheduled round; exposed so the schedule can be driven without waiting. */
  tick(): Promise<void> {
    this.running ??= this.verifier
      .anchor({ onlyIfMoved: true })
      .then((anchor) => anchor && this.options.onAnchor?.(anchor))
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
