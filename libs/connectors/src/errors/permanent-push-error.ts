import { PushError } from './push-error';

/** The package refused the client (validation, unknown credentials, ...): retrying the same payload cannot help. */
export class PermanentPushError extends PushError {
  readonly retryable = false;

  constructor(packageMessage: string, httpStatus?: number) {
    super(packageMessage, httpStatus);
    this.name = 'PermanentPushError';
  }
}
