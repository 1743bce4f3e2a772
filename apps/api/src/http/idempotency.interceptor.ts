import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { CONCURRENCY_CONFLICT, IdempotencyStore, type StoredResponse } from '@koppelhub/application';
import { DomainError } from '@koppelhub/domain';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, type Observable, of, tap } from 'rxjs';
import { canonicalJson } from './canonical-json';
import { type HubRequest, idempotencyKeyOf } from './command-context';
import { NOT_REPLAYABLE } from './not-replayable.decorator';
import { type Problem, toProblem } from './problem';

/** Carries a stored answer to the exception filter, which writes it as it was first given. */
export class ReplayedResponse extends Error {
  constructor(readonly stored: StoredResponse) {
    super('replayed response');
  }
}

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What makes two requests the same: method, address and body, read canonically (the key order of a JSON object carries no meaning). */
const fingerprintOf = (request: HubRequest): string =>
  sha256(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`);

/**
 * The fingerprint answers were stored under before bodies were read canonically; asked only when a
 * stored one differs, and accepted for as long as such answers are kept.
 */
const legacyFingerprintOf = (request: HubRequest): string =>
  sha256(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`);

/** The position a command answered with, set by its handler on the response. */
function eventPositionOf(response: Response): number | undefined {
  const position = Number(response.getHeader('X-Event-Position'));
  return Number.isSafeInteger(position) && position > 0 ? position : undefined;
}

/**
 * Whether a refusal is the answer to this request, to be given again on a repeat. A server failure
 * is not, nor a conflict with a concurrent change: the answer to both is to try again, and a retry
 * with the same key must then run for real. Other conflicts (a client number already in use) stay
 * true for as long as the state that caused them, like any other refusal.
 */
function isReplayable(answer: Problem): boolean {
  return answer.status < 500 && answer.code !== CONCURRENCY_CONFLICT;
}

/**
 * Repeating a command with the same Idempotency-Key returns the first answer (success or refusal)
 * and runs nothing. The key is claimed, with the request's fingerprint, before the command runs: a
 * different request with that key is refused even while the first still runs, rather than running
 * on the first one's state and answering as if it had been applied. The same request racing the
 * first runs too; its events carry the same ids, so the store appends nothing twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HubRequest>();
    if (!COMMAND_METHODS.has(request.method)) return next.handle();
    if (Reflect.getMetadata(NOT_REPLAYABLE, context.getHandler())) return next.handle();
    const key = idempotencyKeyOf(request);
    if (!key) return next.handle();

    const actor = request.actor ?? 'anonymous';
    const fingerprint = fingerprintOf(request);

    return from(this.store.claim(actor, key, fingerprint)).pipe(
      mergeMap((claim) => {
        if (!claim.claimed) {
          const held = claim.inProgress ? claim.fingerprint : claim.answer.fingerprint;
          if (held !== fingerprint && held !== legacyFingerprintOf(request)) {
            throw new DomainError('idempotency-key.reused', 'rule', 'this Idempotency-Key was used for a different request');
          }
          if (!claim.inProgress) throw new ReplayedResponse(claim.answer);
          // The same request while the first still runs runs too: its events carry the same ids,
          // so it appends nothing twice and answers as the first does.
        }
        const owned = claim.claimed;
        // Nest sets the status only when it writes the answer, after this interceptor has run.
        const status =
          (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ??
          (request.method === 'POST' ? 201 : 200);
        const response = context.switchToHttp().getResponse<Response>();
        return next.handle().pipe(
          mergeMap((body) =>
            from(this.store.save(actor, key, { fingerprint, status, body, eventPosition: eventPositionOf(response) })).pipe(
              mergeMap(() => of(body)),
            ),
          ),
          catchError((error: unknown) => {
            const answer = toProblem(error);
            const save = isReplayable(answer)
              ? this.store.save(actor, key, { fingerprint, status: answer.status, body: answer })
              : owned
                ? this.store.release(actor, key)
                : Promise.resolve();
            return from(save).pipe(
              tap(() => {
                throw error;
              }),
            );
          }),
        );
      }),
    );
  }
}
