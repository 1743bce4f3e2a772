import { isWholeHundredths } from '@koppelhub/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most two decimals, as the ownership decider checks it. Not
 * class-validator's `maxDecimalPlaces`: it reads a small number printed in exponent notation
 * (1e-7) as having no point at all and fails on it with a TypeError (a 500).
 */
export function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && isWholeHundredths(value);
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
