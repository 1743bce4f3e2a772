import type { IdentifierCheck } from './identifier-check';
import { checkNineDigitNumber } from './nine-digit-number';

/** Rechtspersonen en Samenwerkingsverbanden Identificatienummer: a company's fiscal number. */
export function checkRsin(input: string): IdentifierCheck {
  return checkNineDigitNumber('RSIN', input, { legacyEightDigits: false });
}
