import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes text chunks to a response as fast as the client takes them. The first chunk is taken
 * before anything is sent, so a source that fails at once is still answered with a problem. When
 * the client goes away midway, the source is closed (its `finally` runs) and this resolves:
 * waiting for a `drain` that never comes would keep the request, and the batch of events in hand,
 * for as long as the process runs. When the source fails midway, the response is cut off (a
 * download that ends without its last chunk reads as failed, not as a shorter file) and the error
 * is thrown.
 */
export async function streamToResponse(res: ServerResponse, chunks: AsyncIterable<string>): Promise<void> {
  const source = chunks[Symbol.asyncIterator]();
  const first = await source.next();
  try {
    await pipeline(Readable.from(startingWith(first, source)), res);
  } catch (error) {
    const clientLeft = (error as NodeJS.ErrnoException)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
    if (!clientLeft) throw error;
  } finally {
    // Also when the pipe ended before it first pulled (the client left during the first read).
    await source.return?.();
  }
}

async function* startingWith(first: IteratorResult<string>, rest: AsyncIterator<string>): AsyncGenerator<string> {
  try {
    for (let next = first; !next.done; next = await rest.next()) yield next.value;
  } finally {
    // Closed early (the client left): the source's own `finally` runs too.
    await rest.return?.();
  }
}
