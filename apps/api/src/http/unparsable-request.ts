import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problem';

/** What Node's HTTP parser refuses before any route sees the request, and how it is answered. */
const REFUSALS: Record<string, { status: number; reason: string; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'request.header-too-large',
    detail: 'the request line and headers together exceed 16 kB; send long input in a JSON body',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    reason: 'Content Too Large',
    code: 'request.too-large',
    detail: 'the chunk extensions of the request body exceed what the hub reads',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request.timeout', detail: 'the request did not arrive in time' },
};

/** A socket as Node's HTTP server keeps it: the response in progress on it, if any (an internal field). */
type ServedSocket = Duplex & { _httpMessage?: { headersSent?: boolean } | null };
const MALFORMED = { status: 400, reason: 'Bad Request', code: 'request.malformed', detail: 'the request is not well-formed HTTP' };

/**
 * Answers what the parser refuses (a 20 kB URL, say) as a problem like any other answer, instead of
 * Node's bare status line, then closes the connection, which can no longer be read.
 */
export function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: ServedSocket) => {
    // A connection the client dropped has no one to answer; one whose previous answer is already on
    // its way (keep-alive, pipelining) must not get this one spliced into it. Node does the same.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ ...problem(refusal.status, refusal.code, refusal.detail), title: refusal.reason });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
