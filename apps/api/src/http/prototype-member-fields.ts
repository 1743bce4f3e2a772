import type { FieldViolation } from '@koppelhub/domain';

/**
 * Names every object has by inheritance (`constructor`, `toString`, `__proto__`, …), and `prototype`.
 * A request field so named never reaches the whitelist: the validation pipe strips `__proto__`,
 * `constructor` and `prototype` against prototype pollution, and class-transformer skips a key
 * whose name the new instance already holds as a method. Its value was dropped without a word.
 */
const PROTOTYPE_MEMBERS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Each field of `value`, at any depth, named after a prototype member: an unknown field, told as
 * the whitelist tells one. Its value is not looked into; deeper input than any request has was
 * refused before (StorableInputPipe).
 */
export function prototypeMemberFields(value: unknown, path = ''): FieldViolation[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = path ? `${path}.${key}` : key;
    if (PROTOTYPE_MEMBERS.has(key)) return [{ field, message: `${key} should not exist` }];
    return prototypeMemberFields(inner, field);
  });
}
