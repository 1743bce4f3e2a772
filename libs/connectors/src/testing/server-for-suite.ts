import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on a free local port for the suite that calls it (started before its tests,
 * closed after them); `answer` gets each request with its whole body. `url()` is its base URL,
 * known once the suite has started.
 */
export function serverForSuite(answer: (request: IncomingMessage, body: string, response: ServerResponse) => void): { url: () => string } {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => answer(request, body, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: () => url };
}
