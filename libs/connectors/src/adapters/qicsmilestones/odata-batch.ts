import { STATUS_CODES } from 'node:http';

/**
 * OData V3 batch requests (`POST <service root>/$batch`, multipart/mixed): several requests in one
 * exchange. Reads go as parts of their own; each write goes in a changeset of its own, so one
 * refused write fails only itself. The answer holds one response per request, in order: a
 * changeset's response is itself multipart/mixed, or, when the changeset failed, one error response.
 * Both ends are here: the connector writes requests and reads responses, the sandbox the reverse.
 */

export interface BatchPartRequest {
  method: string;
  /** Path (and query) of the request, e.g. `/odata/CustomerCompany(7)`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface BatchPartResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CRLF = '\r\n';
const READS = new Set(['GET', 'HEAD']);

/** The boundary parameter of a multipart content type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2];
}

export function writeBatchRequest(boundary: string, requests: BatchPartRequest[]): string {
  const parts = requests.map((request, i) => {
    const message = httpMessage(`${request.method} ${request.path} HTTP/1.1`, request.headers, request.body);
    if (READS.has(request.method)) return applicationHttp(message);
    const changeset = `changeset_${boundary}_${i}`;
    return `Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}${multipart(changeset, [applicationHttp(message)])}`;
  });
  return multipart(boundary, parts);
}

/** The requests of a batch body, writes taken out of their changesets; a string says what is wrong. */
export function readBatchRequest(contentType: string | undefined, body: string): BatchPartRequest[] | string {
  const boundary = boundaryOf(contentType);
  if (!/^multipart\/mixed/i.test(contentType ?? '') || !boundary) return 'A batch request must be multipart/mixed with a boundary.';
  let messages: HttpMessage[];
  try {
    messages = flatten(boundary, body);
  } catch (error) {
    return `Unreadable batch: ${(error as Error).message}.`;
  }
  if (messages.length === 0) return 'A batch request must hold at least one part.';
  const requests: BatchPartRequest[] = [];
  for (const message of messages) {
    const match = /^([A-Z]+) (\S+) HTTP\/1\.1$/.exec(message.startLine);
    if (!match?.[1] || !match[2]) return `Unreadable request line in the batch: '${message.startLine.slice(0, 40)}'.`;
    requests.push({ method: match[1], path: match[2], headers: message.headers, ...(message.body ? { body: message.body } : {}) });
  }
  return requests;
}

/** `responses[i].write` says whether request i was a write, answered in a changeset of its own. */
export function writeBatchResponse(boundary: string, responses: Array<BatchPartResponse & { write: boolean }>): string {
  const parts = responses.map((response, i) => {
    const statusLine = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd();
    const message = applicationHttp(httpMessage(statusLine, response.headers, response.body));
    // A failed changeset is answered by its error alone, as OData V3 does.
    if (!response.write || response.status >= 400) return message;
    const changeset = `changesetresponse_${boundary}_${i}`;
    return `Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}${multipart(changeset, [message])}`;
  });
  return multipart(boundary, parts);
}

/** The responses of a batch answer, in order; throws when it cannot be read. */
export function readBatchResponse(contentType: string | undefined, body: string): BatchPartResponse[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('the batch answer has no multipart boundary');
  return flatten(boundary, body).map((message) => {
    const match = /^HTTP\/1\.1 (\d{3})/.exec(message.startLine);
    if (!match?.[1]) throw new Error('the batch answer holds a part that is not an HTTP response');
    return { status: Number(match[1]), headers: message.headers, body: message.body };
  });
}

interface HttpMessage {
  startLine: string;
  headers: Record<string, string>;
  body: string;
}

function multipart(boundary: string, parts: string[]): string {
  return parts.map((part) => `--${boundary}${CRLF}${part}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
}

function applicationHttp(message: string): string {
  return `Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${CRLF}${message}`;
}

function httpMessage(startLine: string, headers: Record<string, string>, body?: string): string {
  const lines = [startLine, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join(CRLF)}${CRLF}${CRLF}${body ?? ''}`;
}

/** Every HTTP message in a multipart body, nested changesets opened, in order. */
function flatten(boundary: string, body: string): HttpMessage[] {
  const messages: HttpMessage[] = [];
  for (const part of partsOf(boundary, body)) {
    const { headers, rest } = headed(part);
    const contentType = headers['content-type'] ?? '';
    const nested = boundaryOf(contentType);
    if (/^multipart\/mixed/i.test(contentType) && nested) {
      messages.push(...flatten(nested, rest));
      continue;
    }
    if (!/^application\/http/i.test(contentType)) throw new Error(`a batch part of type '${contentType.slice(0, 40)}'`);
    const inner = headed(rest, true);
    messages.push({ startLine: inner.startLine, headers: inner.headers, body: inner.rest });
  }
  return messages;
}

function partsOf(boundary: string, body: string): string[] {
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter);
  // Before the first delimiter is the preamble; from the closing `--boundary--` on, the epilogue.
  const parts: string[] = [];
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break;
    parts.push(section.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return parts;
}

/** Splits headers (names lower-cased) from what follows the blank line; with `startLine`, the first line is not a header. */
function headed(text: string, startLine = false): { startLine: string; headers: Record<string, string>; rest: string } {
  // CRLF as written here; a bare LF as some servers send.
  let blank = text.indexOf('\r\n\r\n');
  let gap = 4;
  if (blank < 0) {
    blank = text.indexOf('\n\n');
    gap = 2;
  }
  const head = blank < 0 ? text : text.slice(0, blank);
  const rest = blank < 0 ? '' : text.slice(blank + gap);
  const lines = head.split('\n');
  const first = startLine ? (lines.shift() ?? '') : '';
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine: first.trim(), headers, rest };
}
