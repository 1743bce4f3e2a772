import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A request field that may be left out: only a missing field skips its rules. class-validator's
 * `IsOptional` skips `null` too, letting it through to code that expects a value or nothing; here
 * `null` must pass the field's rules like any other value, so it is refused by name. Only a JSON
 * Merge Patch clears a field with `null` (ClearableField).
 */
export const OptionalField = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/** A field of a JSON Merge Patch: left out, or `null` to clear it, skips its rules; the domain checks the merged whole. */
export const ClearableField = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

/** For `PartialType`, which otherwise marks every field with `IsOptional` and so lets `null` through. */
export const NULL_IS_A_VALUE = { skipNullProperties: false } as const;
