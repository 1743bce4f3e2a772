import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { newCommandMetadata, RecordPersonalDataRevealCommand } from '@koppelhub/application';
import { BSN_REVEALERS, maskBsnIn, mayRevealBsn, REVEALABLE_FIELDS, ValidationFailed } from '@koppelhub/domain';
import { from, map, mergeMap, type Observable, throwError } from 'rxjs';
import { AuthError } from '../auth/auth.errors';
import type { HubRequest } from '../auth/hub-request';
import { REVEAL_VIEW_KEY } from './reveals-personal-data.decorator';

/**
 * Every JSON answer leaves with its BSNs masked. `?reveal=bsn` on a route that offers it, by a role
 * that may see the number, answers unmasked and records who saw which field of which client
 * (never the value) before the answer goes out: a reveal that cannot be recorded is not shown.
 * Registered after the idempotency interceptor, so stored answers are masked too.
 */
@Injectable()
export class PersonalDataMaskingInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly commands: CommandBus,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HubRequest>();
    const asked = request.query?.reveal;
    if (asked === undefined) return next.handle().pipe(map((body) => maskBsnIn(body)));

    const view = this.reflector.get<string | undefined>(REVEAL_VIEW_KEY, context.getHandler());
    if (!view) return throwError(() => new ValidationFailed([{ field: 'reveal', message: 'this route shows no personal data to reveal' }]));
    // The one place `reveal` is read (interceptors run before the query DTO's pipe): one field.
    if (typeof asked !== 'string' || !(REVEALABLE_FIELDS as readonly string[]).includes(asked)) {
      return throwError(() => new ValidationFailed([{ field: 'reveal', message: `reveal must be one of ${REVEALABLE_FIELDS.join(', ')}` }]));
    }
    const principal = request.principal;
    if (!principal || !mayRevealBsn(principal)) {
      const requiredRoles = [...BSN_REVEALERS, 'admin'];
      return throwError(
        () =>
          new AuthError(403, 'personal-data.reveal-forbidden', `the BSN is shown unmasked to ${requiredRoles.join(' and ')} only`, {
            requiredRoles,
          }),
      );
    }
    // As the route's id pipe takes it (interceptors see the path as sent): the access is recorded
    // in the client's own access history however the id was spelled.
    const clientId = String(request.params.id).toLowerCase();
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          this.commands
            .execute(new RecordPersonalDataRevealCommand(clientId, [asked], view, newCommandMetadata(principal.id)))
            .then(() => body),
        ),
      ),
    );
  }
}
