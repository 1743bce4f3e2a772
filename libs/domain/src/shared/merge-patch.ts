import { isRecord } from './is-record';

/**
 * A change in JSON Merge Patch form (RFC 7396): what is sent replaces what is there, an object is
 * merged into the object it meets field by field, `null` removes a field, and a list is replaced
 * whole. Sending one field of a nested part therefore leaves the part's other fields as they were.
 */
export type MergePatch<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends readonly unknown[]
    ? T[K] | null
    : NonNullable<T[K]> extends object
      ? MergePatch<NonNullable<T[K]>> | null
      : T[K] | null;
};

export function applyMergePatch<T extends object>(target: T, patch: MergePatch<T>): T {
  return mergeValue(target, patch) as T;
}

function mergeValue(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const merged: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete merged[field];
    else merged[field] = mergeValue(merged[field], value);
  }
  return merged;
}
