import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { CONCURRENCY_CONFLICT, IdempotencyStore, type StoredResponse } from '@koppelhub/application';
import { DomainError } from '@koppelhub/domain';
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { catchError, from, mergeMap, type Observable, of, tap } from 'rxjs';
import { type HubRequest, idempotencyKeyOf } from './command-context';
import { NOT_REPLAYABLE } from './not-replayable.decorator';
import { type Problem, toProblem } from './problem';
import { readsMinPosition } from './read-model-consistency.interceptor';
import { fingerprintOf, legacyFingerprintOf } from './request-fingerprint';
import { routeWritesOwnResponse } from './route-arguments';

/** Carries a stored answer to the exception filter, which writes it as it was first given. */
export class ReplayedResponse extends Error {
  constructor(readonly stored: StoredResponse) {
    super('replayed response');
  }
}

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** How long a repeat waits for the first request with its key to answer, and how often it looks. */
const WAIT_FOR_FIRST_MS = 10_000;
const LOOK_EVERY_MS = 20;

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
 * Whether a route's answer is stored for a repeat with the same key. Not one marked NotReplayable
 * (its answer holds a secret), nor one that writes its answer itself (the queue dashboard, handing
 * the request to bull-board): what it returns here is not that answer, and a repeat would be given
 * an empty one instead of running.
 */
function isStoredAnswer(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  return !Reflect.getMetadata(NOT_REPLAYABLE, handler) && !routeWritesOwnResponse(context.getClass(), handler.name);
}

/**
 * Repeating a command with the same Idempotency-Key returns the first answer (success or refusal)
 * and runs nothing. The key is claimed, with the request's fingerprint, before the command runs: a
 * different request with that key is refused even while the first still runs, rather than running
 * on the first one's state and answering as if it had been applied. The same request racing the
 * first waits for its answer and gives it again: run itself, it would decide on the state the first
 * left (a head designated already, say) and answer with a refusal of what had just succeeded.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HubRequest>();
    if (!COMMAND_METHODS.has(request.method)) return next.handle();
    // Malformed headers are refused before the key is claimed, so that the refusal is not its answer.
    const key = idempotencyKeyOf(request, context.getHandler(), { readsMinPosition: readsMinPosition(context) });
    // A route whose answer is not stored still refuses a malformed key, as every command does.
    if (!key || !isStoredAnswer(context)) return next.handle();

    const actor = request.actor ?? 'anonymous';
    const fingerprint = fingerprintOf(request);

    return from(this.claimOrAwaitFirst(request, actor, key, fingerprint)).pipe(
      mergeMap(() => {
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
              : this.store.release(actor, key);
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

  /**
   * Claims the key for this request, or settles it: the first answer of the same request is given
   * again (thrown as a ReplayedResponse), a different request is refused. A first request still
   * running is waited for; should it give up its claim (a server failure, a conflict to retry),
   * this one claims the key and runs.
   */
  private async claimOrAwaitFirst(request: HubRequest, actor: string, key: string, fingerprint: string): Promise<void> {
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claim = await this.store.claim(actor, key, fingerprint);
      if (claim.claimed) return;
      const held = claim.inProgress ? claim.fingerprint : claim.answer.fingerprint;
      if (held !== fingerprint && held !== legacyFingerprintOf(request)) {
        throw new DomainError('idempotency-key.reused', 'rule', 'this Idempotency-Key was used for a different request');
      }
      if (!claim.inProgress) throw new ReplayedResponse(claim.answer);
      if (Date.now() >= giveUpAt) {
        throw new DomainError('idempotency-key.in-progress', 'conflict', 'the first request with this Idempotency-Key is still running; repeat it once it has answered');
      }
      await sleep(LOOK_EVERY_MS);
    }
  }
}
