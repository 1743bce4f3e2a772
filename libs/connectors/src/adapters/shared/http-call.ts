import { TransientPushError } from '../../errors/transient-push-error';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One HTTP exchange with a deadline. Any answer, 2xx or not, is returned for the adapter to read;
 * only "no answer" (timeout, refused, reset) is thrown, as TransientPushError. The URL is never put
 * in the message: adapters keep personal data out of URLs, but a message is the last place to risk it.
 */
export async function httpCall(call: HttpCall): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body, signal });
    // Reading the body is under the same deadline: a package that sends headers then stalls is no answer either.
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw noAnswer(error, call);
  }
}

function noAnswer(error: unknown, call: HttpCall): TransientPushError {
  // Duck-typed, not instanceof: fetch's DOMException and TypeError may come from another realm (e.g. under jest).
  const failure = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
    return new TransientPushError(`no answer within ${call.timeoutMs} ms (${call.method})`);
  }
  const code = typeof failure.cause?.code === 'string' ? failure.cause.code : typeof failure.message === 'string' ? failure.message : 'unknown error';
  return new TransientPushError(`connection failed (${call.method}): ${code}`);
}

export function isSuccess(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** Parses a JSON answer body; a 2xx with a body we cannot read is the package misbehaving, so transient. */
export function jsonBody<T>(answer: HttpAnswer): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new TransientPushError(`unreadable JSON in answer (HTTP ${answer.status})`, answer.status);
  }
}
