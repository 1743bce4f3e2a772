import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldViolation, ValidationFailed } from '@koppelhub/domain';
import { prototypeMemberFields } from './prototype-member-fields';

/** A field left out, empty or null: class-validator's presence checks. */
const PRESENCE = new Set(['isDefined', 'isNotEmpty']);
/** Checks of a value's kind; length, pattern and range checks presuppose them. */
const KIND = new Set(['isString', 'isObject', 'isArray', 'isBoolean', 'isInt', 'isNumber']);

/**
 * The messages that say what is wrong with one field. A missing `searchName` failed four checks
 * (empty, not a string, too long, …) and used to get four messages; only the first kind of
 * failure is told: missing, else of the wrong kind, else every other rule it breaks.
 */
function telling(constraints: Record<string, string>): string[] {
  const failed = Object.entries(constraints);
  for (const kind of [PRESENCE, KIND]) {
    const basic = failed.filter(([name]) => kind.has(name));
    if (basic.length > 0) return basic.map(([, message]) => message);
  }
  return failed.map(([, message]) => message);
}

/** The whitelist's own words ("property x should not exist") told as the hub's other checks tell an unknown field. */
const unknownField = (constraints: Record<string, string>, property: string): Record<string, string> =>
  'whitelistValidation' in constraints ? { ...constraints, whitelistValidation: `${property} should not exist` } : constraints;

/** Rules about which fields to give, which say more of a field left out than "required" would. */
const CHOICE = new Set(['exactly-one-of']);

/**
 * A field left out is told as missing, whatever its checks would say of nothing: a missing
 * `clientNumber` used to be told by its pattern. Optional fields are not checked when left out;
 * one of a choice left out is told by the choice ("give exactly one of …").
 */
function messagesOf(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  if (error.value === undefined && Object.keys(constraints).length > 0) {
    const choices = Object.entries(constraints).filter(([name]) => CHOICE.has(name));
    return choices.length > 0 ? choices.map(([, message]) => message) : [`${error.property} is required`];
  }
  return telling(unknownField(constraints, error.property));
}

function flatten(errors: ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = messagesOf(error).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The whitelist, also for fields named after prototype members, which it never sees: they are
 * looked for in the input as sent (the pipe strips some of them in place) and told together with
 * every other violation.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const inherited = this.toValidate(metadata) ? prototypeMemberFields(value) : [];
    let validated: unknown;
    try {
      validated = await super.transform(value, metadata);
    } catch (error) {
      if (inherited.length > 0 && error instanceof ValidationFailed) throw new ValidationFailed([...inherited, ...error.violations]);
      throw error;
    }
    if (inherited.length > 0) throw new ValidationFailed(inherited);
    return validated;
  }
}

/** Every field violation at once, as a 400 problem; unknown fields are refused, not dropped. */
export const requestValidationPipe = new RequestValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // The value is kept to tell a missing field; it never goes into a message (personal data).
  validationError: { target: false, value: true },
  exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
});
