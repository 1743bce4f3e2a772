import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamToResponse } from './stream-to-response';

/** A server answering every request by streaming `source()` through streamToResponse. */
async function serving(source: () => AsyncIterable<string>): Promise<{ url: string; served: Promise<unknown>; close(): Promise<void> }> {
  let settle!: (outcome: unknown) => void;
  const served = new Promise<unknown>((resolve) => (settle = resolve));
  const server: Server = createServer((_req, res) => {
    streamToResponse(res, source()).then(() => settle('resolved'), (error: Error) => settle(error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, served, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const request = (url: string) => new Promise<IncomingMessage>((resolve, reject) => get(url, resolve).on('error', reject));
const MEGABYTE = 'x'.repeat(1 << 20);

describe('streamToResponse', () => {
  it('given a client reading it all, then it receives every chunk in order', async () => {
    const server = await serving(async function* () {
      for (let n = 1; n <= 3; n++) yield `line ${n}\n`;
    });
    const response = await request(server.url);
    let body = '';
    for await (const chunk of response) body += chunk;

    expect(body).toBe('line 1\nline 2\nline 3\n');
    expect(await server.served).toBe('resolved');
    await server.close();
  });

  it('given an endless source, when the client hangs up midway, then the source is closed and the handler ends', async () => {
    let closed = false;
    const server = await serving(async function* () {
      try {
        for (;;) yield MEGABYTE;
      } finally {
        closed = true;
      }
    });
    const response = await request(server.url);
    // Given the first chunk, the client goes away, leaving the server's writes unread.
    await new Promise((resolve) => response.once('data', resolve));
    response.destroy();

    expect(await server.served).toBe('resolved');
    expect(closed).toBe(true);
    await server.close();
  });

  it('given a source failing before its first chunk, then nothing is sent and the error is thrown for a problem answer', async () => {
    let headersSent: boolean | undefined;
    let settle!: (outcome: unknown) => void;
    const served = new Promise<unknown>((resolve) => (settle = resolve));
    const server = createServer((_req, res) => {
      streamToResponse(res, (async function* () {
        throw new Error('no connection to the database');
      })()).catch((error: Error) => {
        headersSent = res.headersSent;
        res.statusCode = 500;
        res.end('problem');
        settle(error);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    response.resume();

    expect(await served).toEqual(new Error('no connection to the database'));
    expect(headersSent).toBe(false);
    expect(response.statusCode).toBe(500);
    await new Promise((resolve) => server.close(resolve));
  });

  it('given a source failing midway, then the transfer is cut off and the error is thrown', async () => {
    const server = await serving(async function* () {
      yield 'line 1\n';
      throw new Error('the database went away');
    });
    const response = await request(server.url);
    const ended = new Promise<'complete' | 'aborted'>((resolve) => {
      response.on('end', () => resolve('complete'));
      response.on('error', () => resolve('aborted'));
      response.resume();
    });

    expect(await ended).toBe('aborted');
    expect(await server.served).toEqual(new Error('the database went away'));
    await server.close();
  });
});
