import { request } from 'undici';
import { TransientPushError } from '../../errors/transient-push-error';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** Header values by lower-case name, a repeated header as a list (as node:http and undici give them). */
export type AnswerHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface HttpAnswer {
  status: number;
  headers: AnswerHeaders;
  text: string;
  /** The body already parsed, where it came inside another answer (a JSON batch's). */
  json?: unknown;
}

/**
 * One HTTP exchange with a deadline. Any answer, 2xx or not, is returned for the adapter to read;
 * only "no answer" (timeout, refused, reset) is thrown, as TransientPushError. The URL is never put
 * in the message: adapters keep personal data out of URLs, but a message is the last place to risk it.
 *
 * undici's `request` rather than `fetch`: the same client without the WHATWG layers, which cost a
 * push about as much CPU as the exchange itself. Connections are kept alive per origin.
 */
export async function httpCall(call: HttpCall): Promise<HttpAnswer> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), call.timeoutMs);
  try {
    const response = await request(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: deadline.signal,
    });
    // Reading the body is under the same deadline: a package that sends headers then stalls is no answer either.
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    throw deadline.signal.aborted ? timedOut(call) : noAnswer(error, call);
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(call: HttpCall): TransientPushError {
  return new TransientPushError(`no answer within ${call.timeoutMs} ms (${call.method})`);
}

function noAnswer(error: unknown, call: HttpCall): TransientPushError {
  // Duck-typed, not instanceof: errors may come from another realm (e.g. under jest).
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return timedOut(call);
  // undici puts the system error's code on the error itself; fetch put it on its cause.
  const code = [failure.cause?.code, failure.code, failure.message].find((candidate) => typeof candidate === 'string') ?? 'unknown error';
  return new TransientPushError(`connection failed (${call.method}): ${code}`);
}

export function isSuccess(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** Parses a JSON answer body; a 2xx with a body we cannot read is the package misbehaving, so transient. */
export function jsonBody<T>(answer: HttpAnswer): T {
  if (answer.json !== undefined) return answer.json as T;
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new TransientPushError(`unreadable JSON in answer (HTTP ${answer.status})`, answer.status);
  }
}
