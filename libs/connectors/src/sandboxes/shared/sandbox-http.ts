import type { IncomingHttpHeaders } from 'node:http';

/** A request as a sandbox handler sees it: body already read, query parsed. */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body already parsed, where it came inside a JSON batch. */
  json?: unknown;
}

export interface SandboxReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function xmlReply(status: number, xml: string, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers }, body: xml };
}

export function emptyReply(status: number): SandboxReply {
  return { status };
}

/** The request's JSON body (see parseJson), parsed once even when it came inside a batch. */
export function jsonBodyOf(request: SandboxRequest): unknown {
  return request.json !== undefined ? request.json : parseJson(request.body);
}

/** Parses a JSON request body; undefined when it is not JSON (the handler answers 400 in its package's shape). */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function bearerTokenOf(request: SandboxRequest): string | undefined {
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}

/** Waits, or stops waiting as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    // unref: a slow answer must not keep a test process alive after the sandbox closed.
    const timer = setTimeout(done, ms).unref();
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
