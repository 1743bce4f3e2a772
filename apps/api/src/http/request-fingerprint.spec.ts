import { ValidationFailed } from '@koppelhub/domain';
import type { HubRequest } from '../auth/hub-request';
import { fingerprintOf } from './request-fingerprint';
import { StorableInputPipe } from './storable-input.pipe';

describe('the fingerprint of a request', () => {
  const request = (body: unknown) => ({ method: 'POST', originalUrl: '/api/clients', body }) as HubRequest;
  const refusal = (run: () => unknown): unknown => {
    try {
      run();
    } catch (error) {
      return error;
    }
    throw new Error('expected a refusal');
  };

  it('given two bodies that differ only in key order, then they are the same request', () => {
    expect(fingerprintOf(request({ a: 1, b: { c: 2, d: 3 } }))).toBe(fingerprintOf(request({ b: { d: 3, c: 2 }, a: 1 })));
  });

  it('given a body nested thousands of levels deep, then it is refused with the 400 StorableInputPipe gives it, not a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    const body = { kind: 'company', company: deep, other: { b: deep } };

    const error = refusal(() => fingerprintOf(request(body)));

    expect(error).toBeInstanceOf(ValidationFailed);
    const byThePipe = refusal(() => new StorableInputPipe().transform(body, { type: 'body' })) as ValidationFailed;
    expect((error as ValidationFailed).violations).toEqual(byThePipe.violations);
    expect((error as ValidationFailed).violations.map((v) => v.field)).toEqual([`company${'.a'.repeat(15)}`, `other.b${'.a'.repeat(14)}`]);
  });
});
