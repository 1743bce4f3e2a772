import { httpCall, type HttpAnswer, type HttpCall } from './http-call';
import type { BearerTokenCache } from './bearer-token-cache';

/** Sends a call with the cached bearer token; on 401 renews the token once and sends again. */
export async function callWithBearerToken(tokens: BearerTokenCache, call: HttpCall): Promise<HttpAnswer> {
  const token = await tokens.get();
  const answer = await httpCall(withToken(call, token));
  if (answer.status !== 401) return answer;
  tokens.invalidate(token);
  // A second 401 with a fresh token is returned as is: credentials or rights, for the caller to classify.
  return httpCall(withToken(call, await tokens.get()));
}

function withToken(call: HttpCall, token: string): HttpCall {
  return { ...call, headers: { ...call.headers, Authorization: `Bearer ${token}` } };
}
