import { type IdentifierCheck, invalid, valid } from './identifier-check';

/** KvK number: exactly 8 digits, no check digit. */
export function checkKvkNumber(input: string): IdentifierCheck {
  const trimmed = input.trim();
  return /^\d{8}$/.test(trimmed) ? valid(trimmed) : invalid('KvK number must be exactly 8 digits');
}
