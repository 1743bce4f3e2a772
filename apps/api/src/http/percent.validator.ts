import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most two decimals. Checked in hundredths rather than by the digits after
 * the point: a small number prints in exponent notation (1e-7), which class-validator's
 * `maxDecimalPlaces` reads as having no point at all and fails on with a TypeError (a 500).
 */
export function isPercent(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  // Whole hundredths divided back give the very number JSON's decimal text parsed to (12.34 is 1234 / 100).
  return Math.round(value * 100) / 100 === value;
}

export const IsPercent = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'is-percent',
      validator: {
        validate: isPercent,
        defaultMessage: (args) => `${args?.property} must be a number with at most 2 decimals`,
      },
    },
    options,
  );
