import { MAX_DEPTH } from './storable-input.pipe';

/**
 * A value nested deeper than `canonicalJson` reads. Thrown instead of recursing on until the stack
 * runs out (a RangeError, answered as a server error): no request the hub takes is this deep.
 */
export class NestedTooDeeply extends Error {
  constructor(readonly maxDepth: number) {
    super(`the value is nested more than ${maxDepth} levels deep`);
  }
}

/**
 * JSON text of a parsed value in which an object's keys are sorted, so that two bodies that differ
 * only in key order read the same; array order is kept, as it carries meaning. Written out
 * directly rather than by rebuilding sorted objects: a `__proto__` key set on a new object would
 * change its prototype instead of becoming a key. Objects and arrays are read to `maxDepth` levels
 * (by default as deep as StorableInputPipe lets a request be), deeper ones throw NestedTooDeeply.
 */
export function canonicalJson(value: unknown, maxDepth = MAX_DEPTH): string {
  return canonical(value, maxDepth, 0);
}

function canonical(value: unknown, maxDepth: number, depth: number): string {
  if (typeof value === 'object' && value !== null && depth >= maxDepth) throw new NestedTooDeeply(maxDepth);
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item ?? null, maxDepth, depth + 1)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const member = (value as Record<string, unknown>)[key];
        // As JSON.stringify does: members without a JSON value are left out.
        return member === undefined || typeof member === 'function' ? [] : [`${JSON.stringify(key)}:${canonical(member, maxDepth, depth + 1)}`];
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
