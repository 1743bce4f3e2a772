import type { IdentifierCheck } from './identifier-check';
import { checkNineDigitNumber } from './nine-digit-number';

/** burgerservicenummer: personal data, never logged. */
export function checkBsn(input: string): IdentifierCheck {
  return checkNineDigitNumber('BSN', input, { legacyEightDigits: true });
}
