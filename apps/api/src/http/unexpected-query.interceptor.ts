import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type FieldViolation, ValidationFailed } from '@koppelhub/domain';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { type QueryTaken, routeQueryNames } from './route-arguments';

/** The query parameters a route does not read, worded as the whitelist words an unknown field. */
export function unexpectedQueryParameters(query: unknown, taken: QueryTaken): FieldViolation[] {
  if (taken === 'whole' || typeof query !== 'object' || query === null) return [];
  // Own keys only: the parsed query may have no prototype, and a `constructor` sent is a name like any other.
  return Object.keys(query)
    .filter((name) => !taken.has(name))
    .map((field) => ({ field, message: `${field} should not exist` }));
}

/**
 * A route whose query is a DTO refuses the parameters it does not declare (the validation pipe's
 * whitelist); a route without one would ignore them, so a client sending `?page=2` or a misspelt
 * filter to it never learns they are not read and takes the answer for what it asked. Such a
 * parameter is refused the same way. Registered after the masking interceptor, which answers
 * `reveal` on a route that shows no personal data with its own, more telling message.
 */
@Injectable()
export class UnexpectedQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const taken = routeQueryNames(context.getClass(), context.getHandler().name);
    const violations = unexpectedQueryParameters(context.switchToHttp().getRequest<Request>().query, taken);
    if (violations.length > 0) throw new ValidationFailed(violations);
    return next.handle();
  }
}
