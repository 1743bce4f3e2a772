import { PushError } from './push-error';

/** The package asked us to slow down: retry, but not before `retryAfterMs` when it said so. */
export class RateLimitedPushError extends PushError {
  readonly retryable = true;

  constructor(
    packageMessage: string,
    /** From the Retry-After header; undefined when the package gave no hint. */
    readonly retryAfterMs: number | undefined,
    httpStatus?: number,
  ) {
    super(packageMessage, httpStatus);
    this.name = 'RateLimitedPushError';
  }
}
