import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '@koppelhub/domain';

/**
 * PostgreSQL stores no U+0000 in text or jsonb, so a string holding one would fail deep inside an
 * append or a search as a server error. It is refused up front instead, naming each field that
 * holds one (never its value: it may be a BSN). Runs before the validation pipe, on every body,
 * query and route parameter.
 */
export class NoNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const fields = fieldsHoldingNul(value, metadata.data ?? '');
    if (fields.length > 0) {
      throw new ValidationFailed(
        fields.map((field) => ({ field: field || metadata.type, message: `${field || metadata.type} must not contain the NUL character (U+0000)` })),
      );
    }
    return value;
  }
}

function fieldsHoldingNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = path ? `${path}.${key}` : key;
    return key.includes('\u0000') ? [field] : fieldsHoldingNul(inner, field);
  });
}
