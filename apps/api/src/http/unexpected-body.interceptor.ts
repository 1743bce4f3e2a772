import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type FieldViolation, ValidationFailed } from '@koppelhub/domain';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { routeTakesBody } from './route-arguments';

/** The fields of a body a route does not take, worded as the whitelist words an unknown field. */
export function unexpectedFields(body: unknown): FieldViolation[] {
  if (body === undefined || body === null) return [];
  if (typeof body === 'object' && !Array.isArray(body)) {
    return Object.keys(body).map((field) => ({ field, message: `${field} should not exist` }));
  }
  // An array (or any other JSON value) has no fields to name: the body as a whole is unexpected.
  return Array.isArray(body) && body.length === 0 ? [] : [{ field: 'body', message: 'body should not exist' }];
}

/**
 * A route with a body DTO refuses the fields it does not know (the validation pipe's whitelist); a
 * route without one would ignore the whole body, so a client sending fields it believes are read
 * never learns they are not. Such a body is refused the same way; `{}` or no body passes. Inside
 * the idempotency interceptor, like the validation pipe, so the refusal is a keyed request's answer.
 */
@Injectable()
export class UnexpectedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || routeTakesBody(context.getClass(), context.getHandler().name)) return next.handle();
    const violations = unexpectedFields(context.switchToHttp().getRequest<Request>().body);
    if (violations.length > 0) throw new ValidationFailed(violations);
    return next.handle();
  }
}
