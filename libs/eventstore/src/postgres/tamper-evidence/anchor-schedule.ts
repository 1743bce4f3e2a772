import { PeriodicRound } from '../../scheduling/periodic-round';
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
  private readonly rounds: PeriodicRound;

  constructor(
    private readonly verifier: ChainVerifier,
    private readonly options: AnchorScheduleOptions,
  ) {
    this.rounds = new PeriodicRound(
      async () => {
        const anchor = await this.verifier.anchor({ onlyIfMoved: true });
        if (anchor) this.options.onAnchor?.(anchor);
      },
      { everyMs: options.intervalMs, onError: options.onError },
    );
  }

  start(): void {
    this.rounds.start();
  }

  /** One scheduled round; exposed so the schedule can be driven without waiting. */
  tick(): Promise<void> {
    return this.rounds.tick();
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
