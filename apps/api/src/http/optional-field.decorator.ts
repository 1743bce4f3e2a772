import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A request field that may be left out: only a missing field skips its rules. class-validator's
 * `IsOptional` skips `null` too, letting it through to code that expects a value or nothing; here
 * `null` must pass the field's rules like any other value, so it is refused by name. No field of
 * the API is cleared by sending `null`.
 */
export const OptionalField = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/** For `PartialType`, which otherwise marks every field with `IsOptional` and so lets `null` through. */
export const NULL_IS_A_VALUE = { skipNullProperties: false } as const;
