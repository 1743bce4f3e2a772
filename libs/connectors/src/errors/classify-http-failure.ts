import { failureMessageOf } from './failure-message';
import { PermanentPushError } from './permanent-push-error';
import type { PushError } from './push-error';
import { RateLimitedPushError } from './rate-limited-push-error';
import { parseRetryAfter } from './retry-after';
import { TransientPushError } from './transient-push-error';

/** Headers as fetch gives them, or a plain record (tests, node:http). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/**
 * Turns a non-2xx answer into the error the hub acts on:
 * 429 → rate limited (Retry-After honoured); 408, 425, 5xx → transient; any other 4xx → permanent.
 * `messageOf` lets an adapter read its package's own error shape; the default knows the common ones.
 */
export function classifyHttpFailure(
  status: number,
  headers: HeaderSource,
  body: string,
  messageOf: (body: string, fallback: string) => string = failureMessageOf,
): PushError {
  const message = messageOf(body, `HTTP ${status}`);
  if (status === 429) return new RateLimitedPushError(message, parseRetryAfter(headerValue(headers, 'retry-after')), status);
  if (status === 408 || status === 425 || status >= 500) return new TransientPushError(message, status);
  return new PermanentPushError(message, status);
}

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const exact = headers[wanted];
  if (exact !== undefined) return Array.isArray(exact) ? exact[0] : exact;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
