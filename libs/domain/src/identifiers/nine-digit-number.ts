import { elevenProof } from './eleven-proof';
import { type IdentifierCheck, invalid, valid } from './identifier-check';

/**
 * BSN and RSIN share their shape: 9 digits passing the 11-check. Only a BSN may come as a legacy
 * 8-digit number, which gets a leading 0; the spec gives an RSIN 9 digits, no less.
 */
export function checkNineDigitNumber(label: string, input: string, { legacyEightDigits }: { legacyEightDigits: boolean }): IdentifierCheck {
  const trimmed = input.trim();
  if (!(legacyEightDigits ? /^\d{8,9}$/ : /^\d{9}$/).test(trimmed)) return invalid(`${label} must be 9 digits`);
  const digits = trimmed.padStart(9, '0');
  if (/^0+$/.test(digits)) return invalid(`${label} cannot be all zeros`);
  if (!elevenProof(digits)) return invalid(`${label} fails the eleven-check`);
  return valid(digits);
}
