import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headerValue } from '../../errors/classify-http-failure';
import { TransientPushError } from '../../errors/transient-push-error';
import { serverForSuite } from '../../testing/server-for-suite';
import { httpCall } from './http-call';

describe('one HTTP exchange (httpCall)', () => {
  const server = serverForSuite((request, _body, response) => {
    if (request.url === '/stall') return; // never answers
    response.setHeader('Set-Cookie', ['a=1', 'b=2']);
    response.setHeader('Content-Type', 'application/json');
    response.end('{"ok":true}');
  });

  it('given an answer, when read, then status, body and every header value come back', async () => {
    const answer = await httpCall({ method: 'GET', url: `${server.url()}/ok`, timeoutMs: 1_000 });

    expect(answer).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(headerValue(answer.headers, 'Content-Type')).toBe('application/json');
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('given nobody listening, when called, then it is a transient failure naming the system error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const failure = httpCall({ method: 'POST', url: `http://127.0.0.1:${port}/x`, timeoutMs: 1_000 });

    await expect(failure).rejects.toBeInstanceOf(TransientPushError);
    await expect(failure).rejects.toThrow('connection failed (POST): ECONNREFUSED');
  });

  it('given a package that never answers, when the deadline passes, then it is a transient timeout without the URL', async () => {
    const failure = httpCall({ method: 'GET', url: `${server.url()}/stall`, timeoutMs: 100 });

    await expect(failure).rejects.toThrow('no answer within 100 ms (GET)');
  });
});
