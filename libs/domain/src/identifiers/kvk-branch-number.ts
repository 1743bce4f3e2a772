import { type IdentifierCheck, invalid, valid } from './identifier-check';

/** vestigingsnummer: exactly 12 digits, no check digit. */
export function checkKvkBranchNumber(input: string): IdentifierCheck {
  const trimmed = input.trim();
  return /^\d{12}$/.test(trimmed) ? valid(trimmed) : invalid('KvK branch number must be exactly 12 digits');
}
