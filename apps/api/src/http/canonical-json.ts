/**
 * JSON text of a parsed value in which an object's keys are sorted, so that two bodies that differ
 * only in key order read the same; array order is kept, as it carries meaning. Written out
 * directly rather than by rebuilding sorted objects: a `__proto__` key set on a new object would
 * change its prototype instead of becoming a key.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const member = (value as Record<string, unknown>)[key];
        // As JSON.stringify does: members without a JSON value are left out.
        return member === undefined || typeof member === 'function' ? [] : [`${JSON.stringify(key)}:${canonicalJson(member)}`];
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
