import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import type { IssuedToken } from '../shared/bearer-token-cache';
import { httpCall, isSuccess, jsonBody } from '../shared/http-call';

/** Twinfield's OAuth 2 token endpoint (its login service, not the cluster the requests go to). */
export const TWINFIELD_TOKEN_URL = 'https://login.twinfield.com/auth/authentication/connect/token';

/**
 * What renews Twinfield's access tokens, which live an hour: the app's client id and secret and the
 * refresh token the office's user granted it.
 */
export interface TwinfieldOAuth {
  /** Default TWINFIELD_TOKEN_URL. */
  tokenUrl?: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** A new access token for the refresh token (client authenticated with HTTP Basic, as Twinfield asks). */
export async function refreshTwinfieldToken(oauth: TwinfieldOAuth, timeoutMs: number): Promise<IssuedToken> {
  const answer = await httpCall({
    method: 'POST',
    url: oauth.tokenUrl ?? TWINFIELD_TOKEN_URL,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: oauth.refreshToken }).toString(),
    timeoutMs,
  });
  if (!isSuccess(answer)) throw classifyHttpFailure(answer.status, answer.headers, answer.text);
  const body = jsonBody<{ access_token?: unknown; expires_in?: unknown }>(answer);
  if (typeof body.access_token !== 'string') throw new PermanentPushError('Twinfield token answer has no access_token', answer.status);
  const expiresInSeconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
  return { token: body.access_token, expiresInMs: expiresInSeconds * 1000 };
}

/** A fault saying the access token is no good (expired, revoked): worth one renewal. */
export function refusesTheToken(fault: { code: string; message: string } | undefined): boolean {
  return fault !== undefined && /(^|:)Client$/.test(fault.code) && /access denied|token/i.test(fault.message);
}
