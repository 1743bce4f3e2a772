import { elevenProof } from './eleven-proof';
import { type IdentifierCheck, invalid, valid } from './identifier-check';
import { mod97 } from './mod97';

/**
 * Dutch VAT id (btw-id): NL + 9 digits + B + 2 digits (not 00). The 9 digits pass the 11-check
 * (older ids built on the RSIN/BSN), or the whole id passes ISO 7064 mod 97-10 (ids issued since 2020).
 */
export function checkVatId(input: string): IdentifierCheck {
  const id = input.replace(/\s+/g, '').toUpperCase();
  const match = /^NL(\d{9})B(\d{2})$/.exec(id);
  if (!match) return invalid('VAT id must look like NL123456789B01');
  if (match[2] === '00') return invalid('VAT id suffix B00 is not valid');
  // Checked before mod 97, which would otherwise accept NL000000000B73.
  if (/^0+$/.test(match[1])) return invalid('VAT id number cannot be all zeros');
  if (!elevenProof(match[1]) && mod97(id) !== 1) {
    return invalid('VAT id fails both the eleven-check and the mod 97 check');
  }
  return valid(id);
}
