import { jsonReply } from './sandbox-http';
import { startSandboxServer, type RunningSandbox } from './sandbox-server';

/** The shared sandbox machinery over real HTTP, with a one-route package. */
describe('sandbox server', () => {
  let sandbox: RunningSandbox<string[]>;
  const seen: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandboxServer<string[]>({
      name: 'echo',
      operationOf: (request) => `${request.method} ${request.path}`,
      handle: async (request, context) => {
        const faulted = await context.fault();
        if (faulted) return faulted;
        seen.push(request.body);
        return jsonReply(200, { ok: true });
      },
      faultReplies: {
        status: (status) => jsonReply(status, { message: `injected ${status}` }),
        permanent: (message) => jsonReply(422, { message }),
        rateLimited: (seconds) => jsonReply(429, { message: 'slow down' }, { 'retry-after': String(seconds) }),
      },
      records: () => [...seen],
      reset: () => {
        seen.length = 0;
      },
    });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.port).toBeGreaterThan(0);
  });

  it('plays faults in order, then answers normally', async () => {
    await post('/__sandbox/faults', { kind: 'status', status: 503, count: 2 });
    await post('/__sandbox/faults', { kind: 'rate-limit', retryAfterSeconds: 4 });
    await post('/__sandbox/faults', { kind: 'permanent', message: 'Nope' });

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let permanent: unknown;
    for (let i = 0; i < 5; i++) {
      const response = await post('/thing', { i });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      if (response.status === 422) permanent = await response.json();
    }

    expect(statuses).toEqual([503, 503, 429, 422, 200]);
    expect(retryAfter).toBe('4');
    expect(permanent).toEqual({ message: 'Nope' });
    expect(sandbox.records()).toEqual(['{"i":4}']);
  });

  it('a delay fault slows the answer but still answers', async () => {
    await post('/__sandbox/faults', { kind: 'delay', ms: 200 });
    const started = Date.now();
    const response = await post('/thing', {});
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('refuses a malformed fault', async () => {
    const response = await post('/__sandbox/faults', { kind: 'status', status: 200 });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'status must be 400..599' });
  });

  it('DELETE /__sandbox/faults drops pending faults', async () => {
    await post('/__sandbox/faults', { kind: 'status', status: 500, count: 5 });
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    expect((await post('/thing', {})).status).toBe(200);
  });

  it('POST /__sandbox/reset clears records, faults and the log, and ends delayed answers', async () => {
    await post('/thing', { a: 1 });
    await post('/__sandbox/faults', { kind: 'delay', ms: 5000 });
    const delayed = post('/thing', { b: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    await post('/__sandbox/reset', {});

    expect((await delayed).status).toBe(503);
    expect(sandbox.records()).toEqual([]);
  });

  it('logs method, path, operation and status, never bodies or queries', async () => {
    await post('/thing?email=jan@example.nl', { bsn: '628194821' });
    const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { requests: unknown[]; counts: Record<string, number> };

    expect(log.counts).toEqual({ 'POST /thing': 1 });
    expect(log.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/thing', operation: 'POST /thing', status: 200 })]);
    expect(JSON.stringify(log)).not.toMatch(/628194821|jan@example/);
  });

  it('GET /__sandbox/records lists what the package holds', async () => {
    await post('/thing', { x: 1 });
    expect(await (await fetch(`${sandbox.url}/__sandbox/records`)).json()).toEqual(['{"x":1}']);
  });
});
