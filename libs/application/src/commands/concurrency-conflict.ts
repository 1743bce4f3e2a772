import { DomainError } from '@koppelhub/domain';

/** The code of a refusal caused by a concurrent change: worth retrying, never worth replaying. */
export const CONCURRENCY_CONFLICT = 'concurrency.conflict';

/** Other writers kept changing the same clients while this command retried. */
export class ConcurrencyConflict extends DomainError {
  constructor(stream: string) {
    super(CONCURRENCY_CONFLICT, 'conflict', `${stream} was changed concurrently; reload and try again`, { stream });
  }
}

/**
 * A command whose rules held against the state it read, and failed once it was decided again over
 * a concurrent change that landed first: it lost the race, and is told so as a conflict naming the
 * rule: the loser gets a clear conflict error (docs/domain.md, cluster structure).
 */
export class LostToConcurrentChange extends DomainError {
  constructor(refusal: DomainError) {
    super(refusal.code, 'conflict', `${refusal.message}, after a concurrent change to the same clients won`, {
      ...refusal.details,
      concurrentChange: true,
    });
  }
}
