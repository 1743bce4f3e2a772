import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { ValidationFailed } from '@koppelhub/domain';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';

/**
 * Read-your-writes for read models: a command answers with `X-Event-Position`; a query sent with
 * `X-Min-Position: <that>` waits (briefly) until the read models have caught up with it.
 */
@Injectable()
export class ReadModelConsistencyInterceptor implements NestInterceptor {
  constructor(@Inject(HUB_RUNTIME) private readonly runtime: HubRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const header = context.switchToHttp().getRequest<Request>().header('x-min-position');
    if (header === undefined) return next.handle();
    // Digits only: Number() would also take '', ' ', '0x10' or '1e3'.
    const position = /^\d{1,16}$/.test(header) ? Number(header) : Number.NaN;
    if (!Number.isSafeInteger(position)) {
      throw new ValidationFailed([{ field: 'X-Min-Position', message: 'X-Min-Position must be a whole number' }]);
    }
    return from(this.runtime.readModelsAt(position, 5_000)).pipe(mergeMap(() => next.handle()));
  }
}
