import { ERASED } from './personal-data.subjects';

/**
 * A read model's copy of personal data after its subject was erased: every present part reads
 * "erased", exactly as the events now decrypt, so a rebuild gives the same rows.
 */
export function eraseLeaves<T>(value: T): T {
  if (value === undefined || value === null) return value;
  if (Array.isArray(value)) return value.map(eraseLeaves) as T;
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, eraseLeaves(field)])) as T;
  }
  return ERASED as T;
}
