import { hash } from 'node:crypto';
import { ValidationFailed } from '@koppelhub/domain';
import { canonicalJson, NestedTooDeeply } from './canonical-json';
import { MAX_DEPTH, unstorableInput } from './storable-input.pipe';
import type { HubRequest } from '../auth/hub-request';

const sha256 = (text: string): string => hash('sha256', text);

/**
 * The body read canonically. A body nested past any request is refused with the 400 that
 * StorableInputPipe gives it: the fingerprint is taken before the pipes run (by the idempotency
 * interceptor), and must not answer such a body with a server error only because a key was sent.
 */
function canonicalBody(request: HubRequest): string {
  const body: unknown = request.body ?? null;
  try {
    return canonicalJson(body);
  } catch (error) {
    if (!(error instanceof NestedTooDeeply)) throw error;
    const violations = unstorableInput(body, { type: 'body', data: undefined });
    throw new ValidationFailed(
      violations.length > 0 ? violations : [{ field: 'body', message: `body must not be nested more than ${MAX_DEPTH} levels deep` }],
    );
  }
}

/** What makes two requests the same: method, address and body, read canonically (the key order of a JSON object carries no meaning). */
export const fingerprintOf = (request: HubRequest): string => sha256(`${request.method} ${request.originalUrl}\n${canonicalBody(request)}`);

/**
 * The fingerprint answers were stored under before bodies were read canonically; asked only when a
 * stored one differs, and accepted for as long as such answers are kept.
 */
export const legacyFingerprintOf = (request: HubRequest): string =>
  sha256(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`);
