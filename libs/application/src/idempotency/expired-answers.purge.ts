import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';

const EVERY_MS = 15 * 60_000;

/**
 * Deletes expired Idempotency-Key answers at start and every quarter of an hour, in whichever
 * process runs the application (a delete of nothing is harmless when several do). The timer never
 * keeps a process alive.
 */
@Injectable()
export class ExpiredAnswersPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('idempotency');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly answers: IdempotencyStore) {}

  onApplicationBootstrap(): void {
    void this.round();
    this.timer = setInterval(() => void this.round(), EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One purge; exposed so it can be driven without waiting. */
  round(): Promise<void> {
    this.running ??= this.answers
      .purgeExpired()
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency answers`);
      })
      .catch((error: unknown) => this.logger.error(`purge failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
