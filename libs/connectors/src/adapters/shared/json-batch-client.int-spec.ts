import { serverForSuite } from '../../testing/server-for-suite';
import { JsonBatchClient } from './json-batch-client';
import { JSON_BATCH_PATH } from './json-batch.contract';

/**
 * A package behind a proxy that refuses its batch endpoint as a whole (413, say) while every
 * request on its own goes through: the package's own calls answer 201 with the path they were for.
 */
describe('a JSON batch refused as a whole', () => {
  let batchStatus = 413;
  const seen: string[] = [];
  const packageServer = serverForSuite((request, _body, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.setHeader('Content-Type', 'application/json');
    if (request.url === JSON_BATCH_PATH) {
      response.statusCode = batchStatus;
      response.end(JSON.stringify({ message: 'refused as a whole' }));
      return;
    }
    response.statusCode = 201;
    response.end(JSON.stringify({ path: request.url }));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const client = () => new JsonBatchClient({ baseUrl: packageServer.url(), timeoutMs: 1_000, headers: {} });
  const threeAtOnce = (batching: JsonBatchClient) =>
    Promise.all(['/clients/1', '/clients/2', '/clients/3'].map((path) => batching.call({ method: 'POST', path, body: { path } })));

  it.each([[400], [413]])('given the batch answered %s, when three calls were in it, then each is sent on its own and gets its own answer', async (status) => {
    batchStatus = status;

    const answers = await threeAtOnce(client());

    expect(answers.map((answer) => [answer.status, JSON.parse(answer.text).path])).toEqual([
      [201, '/clients/1'],
      [201, '/clients/2'],
      [201, '/clients/3'],
    ]);
    expect(seen).toEqual([`POST ${JSON_BATCH_PATH}`, 'POST /clients/1', 'POST /clients/2', 'POST /clients/3']);
  });

  it.each([[401], [429], [503]])('given the batch answered %s, when three calls were in it, then each reads that answer as its own', async (status) => {
    batchStatus = status;

    const answers = await threeAtOnce(client());

    expect(answers.map((answer) => answer.status)).toEqual([status, status, status]);
    expect(seen).toEqual([`POST ${JSON_BATCH_PATH}`]);
  });
});

/** A package whose gateway answers a batch with 503 and echoes the batch it got. */
describe('a JSON batch answered as a whole with an echo of the batch', () => {
  const packageServer = serverForSuite((_request, body, response) => {
    response.statusCode = 503;
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ message: `could not process ${body}` }));
  });

  it('given calls carrying personal values, when the echo reaches each of them, then it holds none of any call', async () => {
    // Given two persons' calls and a company's in one batch
    const batching = new JsonBatchClient({ baseUrl: packageServer.url(), timeoutMs: 1_000, headers: {} });
    const calls = [
      { path: '/relations/1', personalValues: ['111222333', '1970-01-01'] },
      { path: '/relations/2', personalValues: ['123456782'] },
      { path: '/relations/3', personalValues: [] },
    ];

    // When the package answers the batch as a whole, quoting it
    const answers = await Promise.all(calls.map(({ path, personalValues }) => batching.call({ method: 'POST', path, body: { path, personalValues }, personalValues })));

    // Then every call reads the 503, and none of the values of any call is in what it reads
    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503]);
    for (const answer of answers) {
      expect(JSON.parse(answer.text).message).toContain('/relations/2');
      for (const value of ['111222333', '1970-01-01', '123456782']) expect(answer.text).not.toContain(value);
    }
  });
});

/** A package that runs the batch: each response carries its body parsed inside the batch's answer. */
describe('a JSON batch answered request by request', () => {
  const packageServer = serverForSuite((_request, body, response) => {
    const { requests } = JSON.parse(body) as { requests: Array<{ id: string; path: string }> };
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ responses: requests.map(({ id, path }) => ({ id, status: 201, body: { path } })) }));
  });

  it('given two calls in one batch, then each reads its own body, parsed and as text, from an answer with no accessor of its own', async () => {
    const batching = new JsonBatchClient({ baseUrl: packageServer.url(), timeoutMs: 1_000, headers: {} });

    const answers = await Promise.all(['/clients/1', '/clients/2'].map((path) => batching.call({ method: 'POST', path, body: {} })));

    expect(answers.map((answer) => [answer.status, answer.json, answer.text])).toEqual([
      [201, { path: '/clients/1' }, '{"path":"/clients/1"}'],
      [201, { path: '/clients/2' }, '{"path":"/clients/2"}'],
    ]);
    // One of its own is allocated in V8's old generation and keeps the body alive through young
    // collections (docs/architecture.md, "No getters in object literals made per call").
    for (const answer of answers) expect(Object.getOwnPropertyDescriptor(answer, 'text')).toBeUndefined();
  });
});
