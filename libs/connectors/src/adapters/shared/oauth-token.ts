import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import type { IssuedToken } from './bearer-token-cache';
import { httpCall, isSuccess, jsonBody } from './http-call';

/**
 * Asks an OAuth 2 token endpoint for an access token (a form POST) and reads the standard answer:
 * `access_token`, and `expires_in` in seconds (an hour when it says nothing).
 */
export async function requestOAuthToken(request: {
  /** Who answers, for the message when the answer holds no token. */
  issuer: string;
  url: string;
  form: Record<string, string>;
  headers?: Record<string, string>;
  timeoutMs: number;
}): Promise<IssuedToken> {
  const answer = await httpCall({
    method: 'POST',
    url: request.url,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...request.headers },
    body: new URLSearchParams(request.form).toString(),
    timeoutMs: request.timeoutMs,
  });
  if (!isSuccess(answer)) throw classifyHttpFailure(answer.status, answer.headers, answer.text);
  const body = jsonBody<{ access_token?: unknown; expires_in?: unknown }>(answer);
  if (typeof body.access_token !== 'string') throw new PermanentPushError(`${request.issuer} token answer has no access_token`, answer.status);
  const expiresInSeconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
  return { token: body.access_token, expiresInMs: expiresInSeconds * 1000 };
}
