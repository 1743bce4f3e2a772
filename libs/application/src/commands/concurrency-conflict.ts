import { DomainError } from '@koppelhub/domain';

/** Other writers kept changing the same clients while this command retried. */
export class ConcurrencyConflict extends DomainError {
  constructor(stream: string) {
    super('concurrency.conflict', 'conflict', `${stream} was changed concurrently; reload and try again`, { stream });
  }
}
