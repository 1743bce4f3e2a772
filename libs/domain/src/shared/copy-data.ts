/**
 * A deep copy of data that arrived as JSON (objects, arrays, text, numbers, booleans, null), for a
 * check that normalises fields in place and must leave the caller's value as it was. It does what
 * structuredClone does for such data at a fraction of the cost: structuredClone took half the time
 * of checking a client card, on every registration.
 */
export function copyData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key]);
    // JSON may carry "__proto__" as a plain key; assigned, it would set the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
