import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { HubRequest } from '../auth/hub-request';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What makes two requests the same: method, address and body, read canonically (the key order of a JSON object carries no meaning). */
export const fingerprintOf = (request: HubRequest): string =>
  sha256(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`);

/**
 * The fingerprint answers were stored under before bodies were read canonically; asked only when a
 * stored one differs, and accepted for as long as such answers are kept.
 */
export const legacyFingerprintOf = (request: HubRequest): string =>
  sha256(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`);
