import { HttpException, HttpStatus } from '@nestjs/common';
import { CONCURRENCY_CONFLICT } from '@koppelhub/application';
import { DomainError, type DomainErrorKind, type FieldViolation } from '@koppelhub/domain';
import { EventIdReused, LogNotSettled, PartiallyDuplicateAppend, PersonalDataErasedError, PositionNotReached, WrongExpectedVersion } from '@koppelhub/eventstore';
import { AuthError } from '../auth/auth.errors';
import { UnreadableRequestBody } from './unreadable-body';

/** RFC 9457 problem details, with the stable `code` clients key on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  violations?: FieldViolation[];
  [extension: string]: unknown;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Domain rule violated',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

const HTTP_DETAILS: Record<number, string> = {
  400: 'the request could not be read',
  404: 'there is nothing at this address',
  405: 'this method is not allowed here',
  413: 'the request is larger than the hub accepts',
  415: 'the request body has a media type the hub does not accept',
  429: 'too many requests; try again later',
};

export function problem(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  // Extensions come first so that no detail of a domain error can shadow the standard members.
  return { ...extensions, type: `urn:koppelhub:problem:${code}`, title: TITLES[status] ?? 'Error', status, code, detail };
}

/** The one place where errors become HTTP answers. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problem(STATUS_BY_KIND[error.kind], error.code, error.message, error.details);
  }
  if (error instanceof AuthError) {
    return problem(error.status, error.code, error.message, error.details);
  }
  if (error instanceof WrongExpectedVersion) {
    return problem(409, CONCURRENCY_CONFLICT, `${error.stream} was changed concurrently; reload and try again`, {
      stream: error.stream,
    });
  }
  if (error instanceof PartiallyDuplicateAppend) {
    return problem(409, 'idempotency.partial-duplicate', error.message);
  }
  if (error instanceof EventIdReused) {
    // Fixed words: the message names streams, which may name a client the caller did not ask about.
    return problem(409, 'idempotency.event-id-reused', 'this request repeats an earlier command that decided otherwise; nothing was written');
  }
  if (error instanceof PersonalDataErasedError) {
    return problem(422, 'personal-data.erased', error.message, { subject: error.subject });
  }
  if (error instanceof PositionNotReached) {
    // X-Min-Position asked for a position the read models have not reached yet: worth a retry.
    // Also when a read model stopped while the caller waited (a rebuild swapping its table in).
    return problem(503, 'read-models.behind', `the read models had not reached position ${error.position} in time; try again`, {
      position: error.position,
    });
  }
  if (error instanceof LogNotSettled) {
    // An audit read waits for appends in flight below its last position; one held open too long.
    return problem(503, 'audit.log-settling', error.message);
  }
  if (error instanceof UnreadableRequestBody) {
    return problem(error.status, error.code, error.message);
  }
  if (error instanceof HttpException) {
    // The framework's messages may quote the request (an unknown route its path, a malformed path
    // its parameter), and a path or body may hold a BSN: only a fixed text per status is shown.
    const status = error.getStatus();
    return problem(status, `http.${status}`, HTTP_DETAILS[status] ?? 'the request could not be handled');
  }
  return problem(500, 'internal', 'the hub could not handle this request; it has been logged');
}
