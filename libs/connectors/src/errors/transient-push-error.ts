import { PushError } from './push-error';

/** 5xx, timeout, connection trouble, or a dependency not there yet: retry with backoff. */
export class TransientPushError extends PushError {
  readonly retryable = true;

  constructor(packageMessage: string, httpStatus?: number) {
    super(packageMessage, httpStatus);
    this.name = 'TransientPushError';
  }
}
