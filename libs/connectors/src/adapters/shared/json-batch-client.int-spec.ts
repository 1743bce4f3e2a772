import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonBatchClient } from './json-batch-client';
import { JSON_BATCH_PATH } from './json-batch.contract';

/**
 * A package behind a proxy that refuses its batch endpoint as a whole (413, say) while every
 * request on its own goes through: the package's own calls answer 201 with the path they were for.
 */
describe('a JSON batch refused as a whole', () => {
  let server: Server;
  let url: string;
  let batchStatus = 413;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      request.resume();
      request.on('end', () => {
        response.setHeader('Content-Type', 'application/json');
        if (request.url === JSON_BATCH_PATH) {
          response.statusCode = batchStatus;
          response.end(JSON.stringify({ message: 'refused as a whole' }));
          return;
        }
        response.statusCode = 201;
        response.end(JSON.stringify({ path: request.url }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const client = () => new JsonBatchClient({ baseUrl: url, timeoutMs: 1_000, headers: {} });
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
