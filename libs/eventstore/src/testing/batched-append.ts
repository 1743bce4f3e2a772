import type { BatchedAppend } from '../postgres/append-batcher';
import { newEvent } from './event-store.contract';

/**
 * One append as `es_append_batch` takes it, for specs that call the function themselves: a new
 * event of `type` on `stream`, expecting `expected` (-1 any version, 0 no stream yet).
 */
export const batchedAppend = (stream: string, expected: number, type?: string): BatchedAppend => ({
  streams: [{ stream, expected }],
  events: [{ ...newEvent(type), stream }],
});
