import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFault } from './fault';
import { FaultQueue } from './fault-queue';
import { RequestLog, type LoggedRequest } from './request-log';
import type { BatchFormat } from './batch-format';
import { jsonReply, parseJson, sleep, type SandboxReply, type SandboxRequest } from './sandbox-http';

export interface SandboxOptions {
  /** Defaults to 127.0.0.1: a sandbox is never meant to be reachable from elsewhere. */
  host?: string;
  /** Defaults to 0: the OS picks a free port, read it back from `url`. */
  port?: number;
}

/** How a package says "error" in its own words, used when a fault is injected. */
export interface FaultReplies {
  status(status: number): SandboxReply;
  permanent(message: string): SandboxReply;
  rateLimited(retryAfterSeconds: number): SandboxReply;
}

export interface SandboxHandlerContext {
  /**
   * Plays the next injected fault, if any: a reply to send instead of the real one, or undefined to
   * carry on (a delay fault sleeps first). Handlers call it where the package would fail, e.g. after
   * authentication, so token tests are not disturbed by faults meant for business calls.
   */
  fault(): Promise<SandboxReply | undefined>;
}

export interface SandboxDefinition<TRecords> {
  name: string;
  /** Short name of the operation for the request log, e.g. 'POST CustomerCompany'. */
  operationOf(request: SandboxRequest): string;
  handle(request: SandboxRequest, context: SandboxHandlerContext): Promise<SandboxReply> | SandboxReply;
  faultReplies: FaultReplies;
  records(): TRecords;
  reset(): void;
  /** How the package takes several requests in one exchange, where it does. */
  batch?: BatchFormat;
  /** Extra `POST /__sandbox/<name>` endpoints, e.g. 'expire-tokens'. */
  admin?: Record<string, () => unknown>;
}

export interface RunningSandbox<TRecords> {
  url: string;
  port: number;
  close(): Promise<void>;
  records(): TRecords;
  requests(): LoggedRequest[];
  faults: FaultQueue;
  reset(): void;
}

const ADMIN_PREFIX = '/__sandbox/';

/** Starts a sandbox on plain node:http; resolves once it listens. */
export async function startSandboxServer<TRecords>(
  definition: SandboxDefinition<TRecords>,
  options: SandboxOptions = {},
): Promise<RunningSandbox<TRecords>> {
  const faults = new FaultQueue();
  const log = new RequestLog();
  // Aborted on reset: answers still sleeping on a delay fault give up, so they neither hold
  // package state (Twinfield's office lock) nor write into the fresh sandbox.
  let resetSignal = new AbortController();
  const reset = (): void => {
    resetSignal.abort();
    resetSignal = new AbortController();
    definition.reset();
    faults.clear();
    log.clear();
  };

  const context: SandboxHandlerContext = {
    fault: async () => {
      const fault = faults.take();
      if (!fault) return undefined;
      switch (fault.kind) {
        case 'delay': {
          const signal = resetSignal.signal;
          await sleep(fault.ms, signal);
          return signal.aborted ? definition.faultReplies.status(503) : undefined;
        }
        case 'status':
          return definition.faultReplies.status(fault.status);
        case 'rate-limit':
          return definition.faultReplies.rateLimited(fault.retryAfterSeconds);
        case 'permanent':
          return definition.faultReplies.permanent(fault.message);
      }
    },
  };

  const adminReply = (request: SandboxRequest): SandboxReply => {
    const action = request.path.slice(ADMIN_PREFIX.length);
    if (request.method === 'GET' && action === 'records') return jsonReply(200, definition.records());
    if (request.method === 'GET' && action === 'requests') {
      return jsonReply(200, { requests: log.list(), counts: log.countsByOperation() });
    }
    if (action === 'faults' && request.method === 'POST') {
      const fault = parseFault(parseJson(request.body));
      if (typeof fault === 'string') return jsonReply(400, { message: fault });
      faults.add(fault);
      return jsonReply(201, { pending: faults.size() });
    }
    if (action === 'faults' && request.method === 'DELETE') {
      faults.clear();
      return jsonReply(200, { pending: 0 });
    }
    if (action === 'faults' && request.method === 'GET') return jsonReply(200, { pending: faults.size() });
    if (action === 'reset' && request.method === 'POST') {
      reset();
      return jsonReply(200, { reset: true });
    }
    const extra = definition.admin?.[action];
    if (extra && request.method === 'POST') return jsonReply(200, extra() ?? { done: true });
    return jsonReply(404, { message: `no sandbox endpoint ${request.method} ${request.path}` });
  };

  const server = createServer((req, res) => {
    void serve(req, res);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let request: SandboxRequest;
    try {
      request = await readRequest(req);
    } catch {
      send(res, jsonReply(400, { message: 'unreadable request' }));
      return;
    }
    if (request.path.startsWith(ADMIN_PREFIX)) {
      send(res, adminReply(request));
      return;
    }
    const batch = definition.batch;
    if (batch && request.method === 'POST' && request.path === batch.path) {
      const reply = await answerBatch(batch, request);
      log.record({ method: request.method, path: request.path, operation: 'POST batch', status: reply.status });
      send(res, reply);
      return;
    }
    send(res, await answer(request));
  }

  /** Each request of the batch in turn, as if it had come alone. */
  async function answerBatch(format: BatchFormat, request: SandboxRequest): Promise<SandboxReply> {
    let opened: SandboxRequest[] | SandboxReply;
    try {
      opened = format.open(request);
    } catch {
      // As for a single request: no detail, the body may hold personal data.
      return jsonReply(400, { message: 'unreadable batch' });
    }
    if (!Array.isArray(opened)) return opened;
    const replies: SandboxReply[] = [];
    for (const one of opened) replies.push(await answer(one));
    return format.close(replies, opened);
  }

  /** One request of the package's, sent alone or in a batch; each is logged as the package saw it. */
  async function answer(request: SandboxRequest): Promise<SandboxReply> {
    let reply: SandboxReply;
    try {
      reply = await definition.handle(request, context);
    } catch {
      // Deliberately no detail: the error may quote the body, which may hold personal data.
      reply = jsonReply(500, { message: `${definition.name} sandbox failed` });
    }
    log.record({ method: request.method, path: request.path, operation: definition.operationOf(request), status: reply.status });
    return reply;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    faults,
    records: () => definition.records(),
    requests: () => log.list(),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch pools them) and delayed answers would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<SandboxRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://sandbox');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function send(res: ServerResponse, reply: SandboxReply): void {
  if (res.destroyed) return; // The client gave up (its timeout): nobody to answer.
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}
