import { hash } from 'node:crypto';

/**
 * A hash of a payload independent of key order: an unchanged client hashes the same. The sync hashes
 * each package's view of a push (packageView), not the push itself (see PayloadHashes).
 */
export function payloadHash(payload: unknown): string {
  return hash('sha256', canonical(payload));
}

/**
 * JSON with object keys sorted and undefined properties left out. Its exact text is what the
 * delivery record's hashes were taken of: a change here would make every client look changed, and
 * be pushed again. Written as loops: it runs for every package's view and every push's relations.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + (canonical(value[i]) ?? '');
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonical(item)}`;
  }
  return `${text}}`;
}
