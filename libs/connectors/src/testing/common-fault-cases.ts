import type { PackageConnector } from '../connector.port';
import { PermanentPushError } from '../errors/permanent-push-error';
import { RateLimitedPushError } from '../errors/rate-limited-push-error';
import { TransientPushError } from '../errors/transient-push-error';
import { failureOf } from './failure-of';
import { referenceH } from './reference-clients';
import { injectFault } from './sandbox-admin';

export interface FaultCaseSubject {
  sandboxUrl(): string;
  /** Set up with a 1000 ms timeout. */
  connector(): PackageConnector;
  /** A refusal in the package's own words, as its sandbox will send it. */
  refusal: string;
}

/**
 * How every JSON adapter classifies its package's failures, checked against the package's sandbox:
 * a 500 and a slow answer are transient, a 429 carries its Retry-After, a refusal is permanent and
 * keeps the package's message.
 */
export function itClassifiesCommonFaults(subject: FaultCaseSubject): void {
  const push = () => failureOf(subject.connector().push(referenceH(), {}));

  it('500 → TransientPushError', async () => {
    await injectFault(subject.sandboxUrl(), { kind: 'status', status: 500, count: 1 });
    const error = await push();
    expect(error).toBeInstanceOf(TransientPushError);
    expect((error as TransientPushError).packageMessage).toBe('Injected HTTP 500.');
  });

  it('429 → RateLimitedPushError with retryAfterMs', async () => {
    await injectFault(subject.sandboxUrl(), { kind: 'rate-limit', retryAfterSeconds: 1, count: 1 });
    const error = await push();
    expect(error).toBeInstanceOf(RateLimitedPushError);
    expect((error as RateLimitedPushError).retryAfterMs).toBe(1000);
  });

  it('an answer slower than the timeout → TransientPushError', async () => {
    await injectFault(subject.sandboxUrl(), { kind: 'delay', ms: 1500, count: 1 });
    expect(await push()).toBeInstanceOf(TransientPushError);
  });

  it("permanent → PermanentPushError carrying the package's message", async () => {
    await injectFault(subject.sandboxUrl(), { kind: 'permanent', message: subject.refusal });
    const error = await push();
    expect(error).toBeInstanceOf(PermanentPushError);
    expect((error as PermanentPushError).packageMessage).toBe(subject.refusal);
  });
}
