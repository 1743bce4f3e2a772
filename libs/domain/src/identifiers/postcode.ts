import { type IdentifierCheck, invalid, valid } from './identifier-check';

const UNUSED_LETTERS = new Set(['SA', 'SD', 'SS']);

/** Dutch postcode: 4 digits (no leading 0) and 2 letters, stored as `1234 AB`. */
export function checkPostcode(input: string): IdentifierCheck {
  const match = /^([1-9]\d{3}) ?([A-Z]{2})$/.exec(input.trim().toUpperCase());
  if (!match) return invalid('Postcode must be 4 digits (not starting with 0) and 2 letters, like 1234 AB');
  if (UNUSED_LETTERS.has(match[2])) return invalid('Postcode letters SA, SD and SS are not used');
  return valid(`${match[1]} ${match[2]}`);
}
