import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type CommandMetadata, derivedId, newCommandMetadata } from '@koppelhub/application';
import { ValidationFailed } from '@koppelhub/domain';
import type { Request } from 'express';
import { unauthenticated } from '../auth/auth.errors';
import type { HubRequest } from '../auth/hub-request';
import { fingerprintOf } from './request-fingerprint';

/** A header taken as sent, 1 to 200 visible ASCII characters, or a 400 naming it. */
function visibleAsciiHeader(request: Request, header: 'Idempotency-Key' | 'X-Correlation-Id' | 'X-Causation-Id'): string | undefined {
  const value = request.header(header);
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new ValidationFailed([{ field: header, message: `${header} must be 1 to 200 visible ASCII characters` }]);
  }
  return value;
}

export type { HubRequest };

export const idempotencyKeyOf = (request: Request): string | undefined => visibleAsciiHeader(request, 'Idempotency-Key');

/**
 * Why a change was made, for the auditor: `X-Reason`, percent-encoded when it holds more than ASCII
 * (HTTP header values are not UTF-8).
 */
function reasonOf(request: Request): string | undefined {
  const header = request.header('x-reason');
  if (header === undefined) return undefined;
  // Raw bytes beyond ASCII reach Node as Latin-1 characters: refused, not recorded garbled.
  const reason = /^[\x20-\x7e]*$/.test(header) ? percentDecoded(header).trim() : '';
  if (reason.length === 0 || reason.length > 500 || /[\u0000-\u001f\u007f-\u009f]/.test(reason)) {
    throw new ValidationFailed([{ field: 'X-Reason', message: 'X-Reason must be 1 to 500 characters, percent-encoded beyond ASCII' }]);
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

/**
 * The metadata of the command a request carries. With an Idempotency-Key the command id derives
 * from it, so a repeated request writes events with the same ids and the store appends nothing.
 */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata => {
  const request = context.switchToHttp().getRequest<HubRequest>();
  // The actor is always the authenticated principal; a command never runs without one.
  const actor = request.principal?.id;
  if (!actor) throw unauthenticated('auth.missing-credentials', 'a command needs an authenticated principal');
  const key = idempotencyKeyOf(request);
  // With the request's fingerprint: a key used again once its answer has expired, for another
  // request, must not give that command the first one's event ids (the store would take them for
  // a repeat and write nothing).
  const commandId = key ? derivedId(actor, `idempotency-key/${key}/${fingerprintOf(request)}`) : undefined;
  // Refused rather than dropped when malformed: a dropped one would leave the auditor a command
  // that seems to belong to no request chain.
  const correlation = visibleAsciiHeader(request, 'X-Correlation-Id');
  const causation = visibleAsciiHeader(request, 'X-Causation-Id');
  const reason = reasonOf(request);
  return newCommandMetadata(actor, {
    ...(commandId ? { commandId } : {}),
    ...(correlation ? { correlationId: correlation } : {}),
    ...(causation ? { causationId: causation } : {}),
    ...(reason ? { reason } : {}),
  });
});
