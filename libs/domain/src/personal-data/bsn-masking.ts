import { ERASED } from './personal-data.subjects';

/** The personal fields a reader may ask to see unmasked (`?reveal=bsn`). */
export const REVEALABLE_FIELDS = ['bsn'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/**
 * A BSN as readers see it by default: the last four digits, enough to tell two people apart on a
 * phone call, not enough to use the number. An erased BSN stays "erased".
 */
export function maskBsn(value: unknown): unknown {
  if (typeof value !== 'string' || value === ERASED) return value;
  return value.length > 4 ? `${'*'.repeat(value.length - 4)}${value.slice(-4)}` : '*'.repeat(value.length);
}

/**
 * A copy of any JSON-like value with every `bsn` field masked; the value itself when it holds
 * none, so large answers without personal data are not copied.
 */
export function maskBsnIn<T>(value: T): T {
  return mask(value) as T;
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const masked = mask(item);
      if (masked !== item) (copy ??= [...value])[index] = masked;
    });
    return copy ?? value;
  }
  // Plain data only: a stream, buffer or class instance is passed through as it is.
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(value)) {
    const masked = name === 'bsn' ? maskBsn(field) : mask(field);
    if (masked !== field) (copy ??= { ...(value as Record<string, unknown>) })[name] = masked;
  }
  return copy ?? value;
}
