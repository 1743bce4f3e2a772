import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type CommandMetadata, derivedId, newCommandMetadata } from '@koppelhub/application';
import { ValidationFailed } from '@koppelhub/domain';
import type { Request } from 'express';
import { unauthenticated } from '../auth/auth.errors';
import type { HubRequest } from '../auth/hub-request';
import { fingerprintOf } from './request-fingerprint';

type Violation = { field: string; message: string };

/** A header taken as sent, 1 to 200 visible ASCII characters; else a violation naming it. */
function visibleAsciiHeader(
  request: Request,
  header: 'Idempotency-Key' | 'X-Correlation-Id' | 'X-Causation-Id',
  violations: Violation[],
): string | undefined {
  const value = request.header(header);
  if (value === undefined || /^[\x21-\x7e]{1,200}$/.test(value)) return value;
  violations.push({ field: header, message: `${header} must be 1 to 200 visible ASCII characters` });
  return undefined;
}

/**
 * Why a change was made, for the auditor: `X-Reason`, percent-encoded when it holds more than ASCII
 * (HTTP header values are not UTF-8).
 */
function reasonOf(request: Request, violations: Violation[]): string | undefined {
  const header = request.header('x-reason');
  if (header === undefined) return undefined;
  // Raw bytes beyond ASCII reach Node as Latin-1 characters: refused, not recorded garbled.
  const reason = /^[\x20-\x7e]*$/.test(header) ? percentDecoded(header).trim() : '';
  if (reason.length === 0 || reason.length > 500 || /[\u0000-\u001f\u007f-\u009f]/.test(reason)) {
    violations.push({ field: 'X-Reason', message: 'X-Reason must be 1 to 500 characters, percent-encoded beyond ASCII' });
    return undefined;
  }
  return reason;
}

/** The text of a percent-encoded value; empty when it is not well encoded. */
function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

/** The headers a command takes besides its body, as sent. */
export interface CommandHeaders {
  idempotencyKey?: string;
  correlationId?: string;
  causationId?: string;
  reason?: string;
}

/**
 * A command's headers, or one 400 naming every malformed one. Malformed headers are refused rather
 * than dropped: a dropped correlation id would leave the auditor a command that seems to belong to
 * no request chain, a dropped key a retry that runs twice.
 */
export const commandHeadersOf = (request: Request): CommandHeaders => refusingMalformed((violations) => commandHeaders(request, violations));

function commandHeaders(request: Request, violations: Violation[]): CommandHeaders {
  return {
    idempotencyKey: visibleAsciiHeader(request, 'Idempotency-Key', violations),
    correlationId: visibleAsciiHeader(request, 'X-Correlation-Id', violations),
    causationId: visibleAsciiHeader(request, 'X-Causation-Id', violations),
    reason: reasonOf(request, violations),
  };
}

/** `X-Min-Position`, the log position read models must have reached; digits only, else a violation naming it. */
function minPositionHeader(request: Request, violations: Violation[]): number | undefined {
  const header = request.header('x-min-position');
  if (header === undefined) return undefined;
  // Digits only: Number() would also take '', ' ', '0x10' or '1e3'.
  const position = /^\d{1,16}$/.test(header) ? Number(header) : Number.NaN;
  if (Number.isSafeInteger(position)) return position;
  violations.push({ field: 'X-Min-Position', message: 'X-Min-Position must be a whole number' });
  return undefined;
}

/** The request's `X-Min-Position`, or a 400 naming it when malformed. */
export const minPositionOf = (request: Request): number | undefined => refusingMalformed((violations) => minPositionHeader(request, violations));

/** What `read` takes from the headers, or one 400 naming every violation it noted. */
function refusingMalformed<T>(read: (violations: Violation[]) => T): T {
  const violations: Violation[] = [];
  const value = read(violations);
  if (violations.length > 0) throw new ValidationFailed(violations);
  return value;
}

export type { HubRequest };

/** Marks a handler that records its command's headers (it takes `Meta`). */
const RECORDS_COMMAND_HEADERS = 'koppelhub:records-command-headers';

/**
 * The request's Idempotency-Key. A handler that records the command's headers has every one of them
 * checked here, so one 400 names every malformed header; a route that records none (a retry of
 * failed pushes, say) is refused only for a malformed key, which it would otherwise not honour. A
 * route that `readsMinPosition` (ReadModelConsistencyInterceptor, which runs only once the key is
 * claimed) has its X-Min-Position checked here too: its refusal must not become the key's answer.
 */
export function idempotencyKeyOf(request: Request, handler: object, options: { readsMinPosition?: boolean } = {}): string | undefined {
  return refusingMalformed((violations) => {
    const key = Reflect.getMetadata(RECORDS_COMMAND_HEADERS, handler)
      ? commandHeaders(request, violations).idempotencyKey
      : visibleAsciiHeader(request, 'Idempotency-Key', violations);
    if (options.readsMinPosition) minPositionHeader(request, violations);
    return key;
  });
}

const recordsCommandHeaders: ParameterDecorator = (target, method) => {
  if (method !== undefined) Reflect.defineMetadata(RECORDS_COMMAND_HEADERS, true, (target as Record<string | symbol, object>)[method]);
};

/**
 * The metadata of the command a request carries. With an Idempotency-Key the command id derives
 * from it, so a repeated request writes events with the same ids and the store appends nothing.
 */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata => {
  const request = context.switchToHttp().getRequest<HubRequest>();
  // The actor is always the authenticated principal; a command never runs without one.
  const actor = request.principal?.id;
  if (!actor) throw unauthenticated('auth.missing-credentials', 'a command needs an authenticated principal');
  const { idempotencyKey: key, correlationId: correlation, causationId: causation, reason } = commandHeadersOf(request);
  // With the request's fingerprint: a key used again once its answer has expired, for another
  // request, must not give that command the first one's event ids (the store would take them for
  // a repeat and write nothing).
  const commandId = key ? derivedId(actor, `idempotency-key/${key}/${fingerprintOf(request)}`) : undefined;
  return newCommandMetadata(actor, {
    ...(commandId ? { commandId } : {}),
    ...(correlation ? { correlationId: correlation } : {}),
    ...(causation ? { causationId: causation } : {}),
    ...(reason ? { reason } : {}),
  });
}, [recordsCommandHeaders]);
