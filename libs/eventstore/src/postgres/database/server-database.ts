import { Client, Pool, type PoolConfig } from 'pg';
import type { Database } from './database';

export interface ServerDatabaseOptions {
  url: string;
  /** Defaults to `public`; tests use a schema of their own. */
  schema?: string;
  applicationName?: string;
  poolSize?: number;
}

/** PostgreSQL on a server, reached with `DATABASE_URL`. */
export async function openServerDatabase(options: ServerDatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const config = (applicationName: string): PoolConfig => ({
    connectionString: options.url,
    // The schema in the name tells connections of different tenants (and tests) apart in pg_stat_activity.
    application_name: `${applicationName}-${schema}`,
    options: `-c search_path=${schema}`,
    // Connections held for long (LISTEN, advisory locks) notice a silent network loss.
    keepAlive: true,
  });

  const bootstrap = new Client(config(`${options.applicationName ?? 'koppelhub'}-bootstrap`));
  await bootstrap.connect();
  try {
    await bootstrap.query(`create schema if not exists ${schema}`);
  } finally {
    await bootstrap.end();
  }

  const pool = new Pool({ ...config(options.applicationName ?? 'koppelhub'), max: options.poolSize ?? 10 });
  // An idle client losing its server (restart, terminated backend) must not crash the process;
  // the pool drops it and the next query opens a fresh one.
  pool.on('error', () => undefined);
  return {
    mode: 'server',
    pool,
    schema,
    supportsListen: true,
    async connect(applicationName) {
      const client = new Client(config(applicationName));
      await client.connect();
      return client;
    },
    close: () => pool.end(),
  };
}
