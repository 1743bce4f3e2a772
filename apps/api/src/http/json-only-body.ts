import type { RequestHandler } from 'express';
import { UnreadableRequestBody } from './unreadable-body';

/** `application/json` and the structured `+json` types (RFC 6839), parameters aside. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/**
 * The API reads JSON only. A body of another type would reach the handlers as no body at all (a
 * command then recorded with its fields left out) or, form-encoded, as its raw text turned into a
 * field name the validation message quotes back. It is refused before any parser reads it.
 */
export const requireJsonBody: RequestHandler = (request, _response, next) => {
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  const mediaType = (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  if (hasBody && !JSON_MEDIA_TYPE.test(mediaType)) {
    next(new UnreadableRequestBody(415, 'request.not-json', 'the request body must be JSON, sent as Content-Type: application/json'));
    return;
  }
  next();
};
