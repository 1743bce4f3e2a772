import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { minPositionOf } from './command-context';

/**
 * Read-your-writes for read models: a command answers with `X-Event-Position`; a query sent with
 * `X-Min-Position: <that>` waits (briefly) until the read models have caught up with it.
 */
@Injectable()
export class ReadModelConsistencyInterceptor implements NestInterceptor {
  constructor(@Inject(HUB_RUNTIME) private readonly runtime: HubRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const position = minPositionOf(context.switchToHttp().getRequest<Request>());
    if (position === undefined) return next.handle();
    return from(this.runtime.readModelsAt(position, 5_000)).pipe(mergeMap(() => next.handle()));
  }
}

/**
 * Whether a route waits for `X-Min-Position` (has this interceptor, on itself or its controller).
 * A command route's header is then checked before its Idempotency-Key is claimed, as its other
 * headers are: this interceptor runs inside the idempotency one, and its refusal would be stored.
 */
export function readsMinPosition(context: ExecutionContext): boolean {
  return [context.getHandler(), context.getClass()].some((target) =>
    ((Reflect.getMetadata(INTERCEPTORS_METADATA, target) ?? []) as unknown[]).includes(ReadModelConsistencyInterceptor),
  );
}
