import { COUNTRY_CODES } from './country-codes';
import { type IdentifierCheck, invalid, valid } from './identifier-check';

const ASSIGNED: ReadonlySet<string> = new Set(COUNTRY_CODES);

/** An address's country: an assigned ISO 3166-1 alpha-2 code in any case, stored upper-case. */
export function checkCountryCode(input: string): IdentifierCheck {
  const code = input.toUpperCase();
  return ASSIGNED.has(code) ? valid(code) : invalid('country must be an ISO 3166-1 alpha-2 country code, like NL');
}
