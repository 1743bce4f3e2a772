import type { Client } from 'pg';
import { notifyChannel } from '../postgres/database/database';
import { type newEvent, uniqueStream } from './event-store.contract';

/**
 * Appends an event in a transaction left open on `connection`: a writer that commits late, in
 * another process as far as the store is concerned. Its batch carries the wake-up, as theirs do.
 * The caller commits or rolls back on `connection`.
 */
export async function appendUncommitted(connection: Client, schema: string, event: ReturnType<typeof newEvent>): Promise<void> {
  const stream = uniqueStream('late');
  await connection.query('begin');
  await connection.query('select * from es_append_batch($1, $2)', [
    JSON.stringify([{ streams: [{ stream, expected: -1 }], events: [{ id: event.id, stream, type: event.type, data: {}, metadata: event.metadata }] }]),
    notifyChannel(schema),
  ]);
}
