import { type IdentifierCheck } from '@koppelhub/domain';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A class-validator rule backed by a domain identifier check, so the HTTP edge and the domain
 * refuse exactly the same values with the same message. `applies` lets a rule depend on a sibling
 * field (a postcode is only checked as Dutch when the country is NL).
 */
export function IsIdentifier(
  check: (value: string) => IdentifierCheck,
  applies: (object: object) => boolean = () => true,
  options?: ValidationOptions,
): PropertyDecorator {
  const outcome = (value: unknown, args?: ValidationArguments): IdentifierCheck =>
    typeof value === 'string' ? check(value) : { valid: false, message: `${args?.property} must be a string` };
  return ValidateBy(
    {
      name: `is-${check.name}`,
      validator: {
        validate: (value: unknown, args) => !applies(args?.object ?? {}) || outcome(value, args).valid,
        defaultMessage: (args) => {
          const result = outcome(args?.value, args);
          return result.valid ? '' : result.message;
        },
      },
    },
    options,
  );
}
