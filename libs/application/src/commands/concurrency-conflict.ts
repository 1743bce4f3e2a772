import { DomainError } from '@koppelhub/domain';

/** The code of a refusal caused by a concurrent change: worth retrying, never worth replaying. */
export const CONCURRENCY_CONFLICT = 'concurrency.conflict';

/** Other writers kept changing the same clients while this command retried. */
export class ConcurrencyConflict extends DomainError {
  constructor(stream: string) {
    super(CONCURRENCY_CONFLICT, 'conflict', `${stream} was changed concurrently; reload and try again`, { stream });
  }
}
