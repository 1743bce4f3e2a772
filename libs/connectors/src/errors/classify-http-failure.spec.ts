import { classifyHttpFailure } from './classify-http-failure';
import { PermanentPushError } from './permanent-push-error';
import { RateLimitedPushError } from './rate-limited-push-error';
import { TransientPushError } from './transient-push-error';

describe('classifyHttpFailure', () => {
  it.each([500, 502, 503, 504, 408, 425])('%i is transient', (status) => {
    const error = classifyHttpFailure(status, {}, '');
    expect(error).toBeInstanceOf(TransientPushError);
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBe(status);
  });

  it.each([400, 401, 403, 404, 409, 422])('%i is permanent', (status) => {
    const error = classifyHttpFailure(status, {}, '');
    expect(error).toBeInstanceOf(PermanentPushError);
    expect(error.retryable).toBe(false);
  });

  it('429 is rate limited, with Retry-After in seconds', () => {
    const error = classifyHttpFailure(429, { 'Retry-After': '7' }, '');
    expect(error).toBeInstanceOf(RateLimitedPushError);
    expect((error as RateLimitedPushError).retryAfterMs).toBe(7000);
  });

  it('429 reads Retry-After from fetch Headers, also as an HTTP date', () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    const error = classifyHttpFailure(429, new Headers({ 'retry-after': at }), '') as RateLimitedPushError;
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('429 without Retry-After leaves the wait to the hub', () => {
    expect((classifyHttpFailure(429, {}, '') as RateLimitedPushError).retryAfterMs).toBeUndefined();
  });

  it('carries the package message', () => {
    const body = JSON.stringify({ 'odata.error': { code: '', message: { lang: 'en-US', value: 'Name is required.' } } });
    expect(classifyHttpFailure(400, {}, body).packageMessage).toBe('Name is required.');
  });

  it('falls back to the status when the body says nothing', () => {
    expect(classifyHttpFailure(503, {}, '  ').packageMessage).toBe('HTTP 503');
  });

  it('lets an adapter read its own error shape', () => {
    const error = classifyHttpFailure(422, {}, 'ERR|Naam ontbreekt', (body) => body.split('|')[1] ?? '');
    expect(error.packageMessage).toBe('Naam ontbreekt');
  });
});
