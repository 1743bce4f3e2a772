import { isInstant } from '@koppelhub/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A point in time as `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH:mm]`, naming a day that exists; `instantOf` reads it. */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'is-instant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) => `${args?.property} must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ssZ)`,
      },
    },
    options,
  );
