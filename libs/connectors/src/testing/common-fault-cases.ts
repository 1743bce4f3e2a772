import type { PackageConnector } from '../connector.port';
import type { ClientPush, PushResult } from '../model/client-push';
import type { LoggedRequest } from '../sandboxes/shared/request-log';
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

export interface BatchFaultSubject extends FaultCaseSubject {
  /** Three clients that can be pushed side by side (none waiting for another to land). */
  clients(): ClientPush[];
  /** How many clients the package holds. */
  held(): number;
  requests(): LoggedRequest[];
  /** Batch requests three first pushes take: one, or reads then writes. */
  batches: number;
}

/**
 * How every adapter that batches keeps a fault with its own push: three pushes go together, one
 * request of the batch fails, and only that push fails, classified as if it had gone alone.
 */
export function itKeepsBatchFaultsWithTheirPush(subject: BatchFaultSubject): void {
  const pushTogether = () => Promise.allSettled(subject.clients().map((client) => subject.connector().push(client, {})));
  const batches = () => subject.requests().filter((request) => request.operation === 'POST batch');

  it('given a permanent fault while three pushes go together, then exactly one push is refused with the message and the other two land', async () => {
    // Given
    await injectFault(subject.sandboxUrl(), { kind: 'permanent', message: subject.refusal, count: 1 });

    // When
    const settled = await pushTogether();

    // Then
    const refused = settled.filter((one): one is PromiseRejectedResult => one.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(PermanentPushError);
    expect((refused[0]!.reason as PermanentPushError).packageMessage).toBe(subject.refusal);
    const landed = settled.filter((one): one is PromiseFulfilledResult<PushResult> => one.status === 'fulfilled');
    expect(landed.map((one) => one.value.action)).toEqual(['created', 'created']);
    expect(subject.held()).toBe(2);
    expect(batches()).toHaveLength(subject.batches);
  });

  it('given a 500 for one request of a batch, then only that push fails, as transient', async () => {
    // Given
    await injectFault(subject.sandboxUrl(), { kind: 'status', status: 500, count: 1 });

    // When
    const settled = await pushTogether();

    // Then
    const failed = settled.filter((one): one is PromiseRejectedResult => one.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(TransientPushError);
    expect((failed[0]!.reason as TransientPushError).packageMessage).toBe('Injected HTTP 500.');
    expect(settled.filter((one) => one.status === 'fulfilled')).toHaveLength(2);
    expect(subject.held()).toBe(2);
    // The batch itself was answered: the 500 is one request's answer inside it
    expect(batches().map((request) => request.status).every((status) => status === 200 || status === 202)).toBe(true);
  });
}
