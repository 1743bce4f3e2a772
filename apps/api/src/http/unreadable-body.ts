import type { ErrorRequestHandler } from 'express';

/**
 * A request body the parsers could not read. Their own messages quote the body (a JSON syntax
 * error shows the text around it, a BSN included), so the answer says only what went wrong.
 */
export class UnreadableRequestBody extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

const FAILURES: Record<string, { code: string; detail: string }> = {
  'entity.parse.failed': { code: 'request.invalid-json', detail: 'the request body is not valid JSON' },
  'entity.too.large': { code: 'request.too-large', detail: 'the request body is larger than the hub accepts' },
  'parameters.too.many': { code: 'request.too-large', detail: 'the request body has more parameters than the hub accepts' },
  'charset.unsupported': { code: 'request.unsupported-encoding', detail: 'the charset of the request body is not supported' },
  'encoding.unsupported': { code: 'request.unsupported-encoding', detail: 'the content encoding of the request body is not supported' },
  'request.aborted': { code: 'request.aborted', detail: 'the request body was not received whole' },
  'request.size.invalid': { code: 'request.size-mismatch', detail: 'the request body does not match its Content-Length' },
};

const BADLY_COMPRESSED = { code: 'request.invalid-encoding', detail: 'the request body is not compressed as its Content-Encoding says' };
const UNREADABLE = { code: 'request.unreadable', detail: 'the request body could not be read' };

/**
 * body-parser's failures carry a client error status, most with a `type` naming what went wrong;
 * a body that does not decompress comes with zlib's error code instead.
 */
function parserFailure(error: unknown): UnreadableRequestBody | undefined {
  if (error instanceof UnreadableRequestBody) return error;
  if (!(error instanceof Error)) return undefined;
  const { status, type, code } = error as Error & { status?: unknown; type?: unknown; code?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const known =
    (typeof type === 'string' ? FAILURES[type] : undefined) ??
    (typeof code === 'string' && code.startsWith('Z_') ? BADLY_COMPRESSED : UNREADABLE);
  return new UnreadableRequestBody(status, known.code, known.detail);
}

/**
 * Placed right after the body parsers, before Nest sees their failures: Nest turns a JSON syntax
 * error into a BadRequestException carrying the parser's message, and leaves the others untyped.
 */
export const rejectUnreadableBody: ErrorRequestHandler = (error, _request, _response, next) => {
  next(parserFailure(error) ?? error);
};
