import type { Response } from 'supertest';
import type { TestHub } from './test-hub';

/**
 * Sends the request and expects a problem with `status`, with no event appended anywhere in the
 * log; answers the response for what a test checks beyond that.
 */
export async function refusedWritingNothing(hub: TestHub, send: () => PromiseLike<Response>, status: number): Promise<Response> {
  const before = await hub.runtime.store.headPosition();
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(await hub.runtime.store.headPosition()).toBe(before);
  return response;
}
