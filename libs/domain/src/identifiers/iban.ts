import { type IdentifierCheck, invalid, valid } from './identifier-check';
import { mod97 } from './mod97';

/** Dutch IBAN: NL + 2 check digits + 4-letter bank code + 10 digits; ISO 13616 mod 97 = 1. */
export function checkIban(input: string): IdentifierCheck {
  const iban = input.replace(/\s+/g, '').toUpperCase();
  if (!/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) {
    return invalid('IBAN must be a Dutch IBAN: NL, 2 check digits, 4 letters and 10 digits');
  }
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return invalid('IBAN check digits do not match (mod 97)');
  return valid(iban);
}
