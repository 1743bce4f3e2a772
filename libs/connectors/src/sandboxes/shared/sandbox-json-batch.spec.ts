import { JSON_BATCH_PATH } from '../../adapters/shared/json-batch.contract';
import { jsonBatchFormat } from './sandbox-json-batch';
import type { SandboxRequest } from './sandbox-http';

const batchOf = (requests: unknown[]): SandboxRequest => ({
  method: 'POST',
  path: JSON_BATCH_PATH,
  query: new URLSearchParams(),
  headers: { 'x-api-key': 'key' },
  body: JSON.stringify({ requests }),
});

describe("a sandbox's JSON batch opened into its requests", () => {
  it('given a request with a body and one without, then each reads as if it had come alone', () => {
    // Given
    const batch = batchOf([
      { id: 'a', method: 'POST', path: '/api/relations', body: { name: 'Holding' } },
      { id: 'b', method: 'GET', path: '/api/relations/1' },
    ]);

    // When
    const requests = jsonBatchFormat.open(batch) as SandboxRequest[];

    // Then
    expect(requests.map((r) => [r.method, r.path, r.headers, r.json, r.body])).toEqual([
      ['POST', '/api/relations', { 'x-api-key': 'key' }, { name: 'Holding' }, '{"name":"Holding"}'],
      ['GET', '/api/relations/1', { 'x-api-key': 'key' }, undefined, ''],
    ]);
  });

  it('then a request carries no accessor of its own', () => {
    // One of its own is allocated in V8's old generation and keeps the body alive through young
    // collections (docs/architecture.md, "No getters in object literals made per call").
    const [request] = jsonBatchFormat.open(batchOf([{ id: 'a', method: 'POST', path: '/api/relations', body: {} }])) as SandboxRequest[];

    expect(Object.getOwnPropertyDescriptor(request, 'body')).toBeUndefined();
  });
});
