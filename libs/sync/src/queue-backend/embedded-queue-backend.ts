import { createPostgresBackend, DEFAULT_SCHEMA, Queue, runMigrations, Worker } from 'bullmq';
import type { Database } from '@koppelhub/eventstore';
import type { QueueBackend } from './queue-backend';
import { SharedSessionPool } from './shared-session-pool';

/**
 * BullMQ's PostgreSQL backend on the embedded PGlite, over the hub's own single connection (see
 * SharedSessionPool for why not a connection of its own). BullMQ's SQL names its tables without a
 * schema and relies on each connection's search_path; the socket server ignores connection
 * options and PGlite has one session, so the session's search_path is extended once, here.
 */
export async function embeddedQueueBackend(database: Database): Promise<QueueBackend> {
  if (database.mode !== 'embedded') throw new Error('embeddedQueueBackend needs the embedded database');
  const session = await database.pool.connect();
  try {
    await runMigrations(session, DEFAULT_SCHEMA);
    await session.query(`set search_path to ${database.schema}, ${DEFAULT_SCHEMA}`);
  } finally {
    session.release();
  }
  const connection = new SharedSessionPool(database.pool);
  return {
    kind: 'postgres',
    description: 'PostgreSQL on the embedded database',
    queue: (name) => new Queue(name, { connection }, createPostgresBackend),
    worker: (name, processor, workerOptions) => new Worker(name, processor, { ...workerOptions, connection }, createPostgresBackend),
    close: () => connection.end(),
  };
}
