import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { type FieldViolation, ValidationFailed } from '@koppelhub/domain';

/** Far deeper than any request the hub takes; deeper input is refused before anything recurses into it. */
export const MAX_DEPTH = 16;

/** A high surrogate without its low half, or a low one without its high half. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Input PostgreSQL cannot store, or the hub cannot walk, would fail deep inside an append or a
 * search as a server error: text holding U+0000 or an unpaired surrogate (neither goes into text
 * or jsonb), and objects nested past any request's shape. It is refused up front, naming each
 * field and never its value (it may be a BSN). Runs before the validation pipe, on every body,
 * query and route parameter.
 */
export class StorableInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const violations = unstorableInput(value, metadata);
    if (violations.length > 0) throw new ValidationFailed(violations);
    return value;
  }
}

/**
 * What StorableInputPipe refuses in a value, each violation naming its field. For code that reads a
 * request before the pipes run (the Idempotency-Key fingerprint) and must refuse it the same way.
 */
export function unstorableInput(value: unknown, metadata: Pick<ArgumentMetadata, 'type' | 'data'>): FieldViolation[] {
  return unstorable(value, metadata.data ?? '', 0).map(({ field, message }) => {
    const named = field || metadata.type;
    return { field: named, message: `${named} ${message}` };
  });
}

function unstorable(value: unknown, path: string, depth: number): FieldViolation[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ field: path, message: 'must not contain the NUL character (U+0000)' }];
    if (UNPAIRED_SURROGATE.test(value)) return [{ field: path, message: 'must be well-formed Unicode (it holds an unpaired surrogate)' }];
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (depth >= MAX_DEPTH) return [{ field: path, message: `must not be nested more than ${MAX_DEPTH} levels deep` }];
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = path ? `${path}.${key}` : key;
    const keyProblems = unstorable(key, field, depth + 1);
    return keyProblems.length > 0 ? keyProblems : unstorable(inner, field, depth + 1);
  });
}
