import { elevenProof } from './eleven-proof';
import { type IdentifierCheck, invalid, valid } from './identifier-check';

/** BSN and RSIN share their shape: 9 digits (a legacy 8-digit number gets a leading 0) passing the 11-check. */
export function checkNineDigitNumber(label: string, input: string): IdentifierCheck {
  const trimmed = input.trim();
  if (!/^\d{8,9}$/.test(trimmed)) return invalid(`${label} must be 9 digits`);
  const digits = trimmed.padStart(9, '0');
  if (/^0+$/.test(digits)) return invalid(`${label} cannot be all zeros`);
  if (!elevenProof(digits)) return invalid(`${label} fails the eleven-check`);
  return valid(digits);
}
