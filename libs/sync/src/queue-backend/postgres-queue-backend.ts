import { createPostgresBackend, DEFAULT_SCHEMA, type PostgresPoolConfig, Queue, runMigrations, Worker } from 'bullmq';
import { Client } from 'pg';
import type { QueueBackend } from './queue-backend';

export interface PostgresQueueBackendOptions {
  connectionString: string;
  /** Schema of BullMQ's tables (its namespace for all queues); tests use one of their own. */
  schema?: string;
  /** Query connections per queue and per worker; a worker also holds one LISTEN connection. */
  poolSize?: number;
}

/**
 * BullMQ's PostgreSQL backend on a PostgreSQL server (the hub's own database, `DATABASE_URL`).
 * The schema is migrated once here, on a session of its own (BullMQ's advisory lock lets several
 * processes start at once); the queues and workers then only check its version.
 */
export async function postgresQueueBackend(options: PostgresQueueBackendOptions): Promise<QueueBackend> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const session = new Client({ connectionString: options.connectionString, application_name: 'koppelhub-queue-migrations' });
  await session.connect();
  try {
    await runMigrations(session, schema);
  } finally {
    await session.end();
  }
  const connection: PostgresPoolConfig = {
    connectionString: options.connectionString,
    schema,
    max: options.poolSize ?? 2,
    application_name: 'koppelhub-queues',
  };
  return {
    kind: 'postgres',
    description: `PostgreSQL (schema ${schema})`,
    queue: (name) => new Queue(name, { connection }, createPostgresBackend),
    worker: (name, processor, workerOptions) => new Worker(name, processor, { ...workerOptions, connection }, createPostgresBackend),
    close: async () => undefined,
  };
}
