import { isCalendarDate } from '@koppelhub/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A date without a time, as `YYYY-MM-DD`, naming a day that exists (2024-02-29, not 2023-02-29):
 * the domain's own `isCalendarDate`, so that one 400 tells every field the domain would refuse. Not
 * class-validator's `IsISO8601`, which also takes 19680412, 2026-05, 2026-W05-1, 2026-123 and
 * date-times, each then refused by the domain only after every other field has passed.
 */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'is-calendar-date',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a date as YYYY-MM-DD`,
      },
    },
    options,
  );
