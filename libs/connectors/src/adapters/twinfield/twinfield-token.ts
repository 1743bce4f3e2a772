import type { IssuedToken } from '../shared/bearer-token-cache';
import { requestOAuthToken } from '../shared/oauth-token';
import { isClientFault, type SoapFault } from './twinfield-soap';

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
export function refreshTwinfieldToken(oauth: TwinfieldOAuth, timeoutMs: number): Promise<IssuedToken> {
  return requestOAuthToken({
    issuer: 'Twinfield',
    url: oauth.tokenUrl ?? TWINFIELD_TOKEN_URL,
    headers: { Authorization: `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}` },
    form: { grant_type: 'refresh_token', refresh_token: oauth.refreshToken },
    timeoutMs,
  });
}

/** A fault saying the access token is no good (expired, revoked): worth one renewal. */
export function refusesTheToken(fault: SoapFault | undefined): boolean {
  return fault !== undefined && isClientFault(fault) && /access denied|token/i.test(fault.message);
}
