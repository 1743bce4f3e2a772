import type { JsonObject } from '../event-store.port';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function valueAt(data: JsonObject, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const name of path) {
    if (!isObject(current)) return undefined;
    current = current[name];
  }
  return current;
}

/** A copy of `data` with one value replaced; only the objects along the path are copied. */
export function withValueAt(data: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const [name, ...rest] = path;
  if (rest.length === 0) return { ...data, [name]: value };
  const child = data[name];
  return { ...data, [name]: withValueAt(isObject(child) ? child : {}, rest, value) };
}

/**
 * Every value in a JSON tree replaced through `replace` where `match` holds (copy on write), or
 * the same tree when nothing matched.
 */
export function replaceWhere<T>(value: unknown, match: (v: unknown) => v is T, replace: (v: T) => unknown): unknown {
  if (match(value)) return replace(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const next = replaceWhere(item, match, replace);
      if (next !== item) (copy ??= [...value])[index] = next;
    });
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  let copy: JsonObject | undefined;
  for (const name of Object.keys(value)) {
    const item = value[name];
    const next = replaceWhere(item, match, replace);
    if (next !== item) (copy ??= { ...value })[name] = next;
  }
  return copy ?? value;
}

/**
 * Calls `visit` on every object or array where `match` holds; true when there was at least one.
 * Every event read passes through here, so leaves are passed over without a call and keys are
 * walked without building a list of them (`for…in`: event data is parsed JSON, whose
 * objects inherit no enumerable keys): half the time of the plain walk.
 */
export function visitWhere<T extends object>(value: unknown, match: (v: object) => v is T, visit: (v: T) => void): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (match(value)) {
    visit(value);
    return true;
  }
  let found = false;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) found = visitWhere(item, match, visit) || found;
  } else {
    for (const name in value) {
      const item = (value as JsonObject)[name];
      if (typeof item === 'object' && item !== null) found = visitWhere(item, match, visit) || found;
    }
  }
  return found;
}
