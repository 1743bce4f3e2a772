import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicRound } from '@koppelhub/eventstore';
import { IdempotencyStore } from './idempotency.store';

const EVERY_MS = 15 * 60_000;

/**
 * Deletes expired Idempotency-Key answers at start and every quarter of an hour, in whichever
 * process runs the application (a delete of nothing is harmless when several do).
 */
@Injectable()
export class ExpiredAnswersPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('idempotency');
  private readonly rounds: PeriodicRound;

  constructor(answers: IdempotencyStore) {
    this.rounds = new PeriodicRound(
      async () => {
        const deleted = await answers.purgeExpired();
        if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency answers`);
      },
      {
        everyMs: EVERY_MS,
        onError: (error) => this.logger.error(`purge failed: ${error instanceof Error ? error.message : String(error)}`),
      },
    );
  }

  onApplicationBootstrap(): void {
    this.rounds.start({ now: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.rounds.stop();
  }

  /** One purge; exposed so it can be driven without waiting. */
  round(): Promise<void> {
    return this.rounds.tick();
  }
}
