import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldViolation, ValidationFailed } from '@koppelhub/domain';

function flatten(errors: ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Every field violation at once, as a 400 problem; unknown fields are refused, not dropped. */
export const requestValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
});
