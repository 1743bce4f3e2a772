import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Database } from '../postgres/database/database';
import { openEmbeddedDatabase } from '../postgres/database/embedded-database';
import { openServerDatabase } from '../postgres/database/server-database';
import { type Migration, migrate } from '../postgres/migrations/migration';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** PostgreSQL for tests: `DATABASE_URL` when set (the CI script sets it). */
export const postgresUrl = process.env.DATABASE_URL;

/** The stores a suite runs on: PGlite always, PostgreSQL when a server is configured. */
export const testDatabaseKinds: readonly TestDatabaseKind[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/** Runs a suite on PostgreSQL only when a server is configured, and says so when it is not. */
export const describeOnPostgres: jest.Describe = postgresUrl ? describe : describe.skip;
if (!postgresUrl && typeof describe === 'function') {
  // eslint-disable-next-line no-console
  console.warn('DATABASE_URL is not set: PostgreSQL suites are skipped (PGlite suites still run)');
}

export interface TestDatabase {
  database: Database;
  /** Drops everything the test created. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database per suite: a schema of its own on the PostgreSQL server, or a new
 * in-memory PGlite.
 */
export async function openTestDatabase(kind: TestDatabaseKind, migrations: readonly Migration[]): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openEmbeddedDatabase({ dataDir: 'memory' });
    await migrate(database.pool, migrations);
    return { database, dispose: () => database.close() };
  }
  if (!postgresUrl) throw new Error('DATABASE_URL is required for PostgreSQL tests');
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const database = await openServerDatabase({ url: postgresUrl, schema, poolSize: 30 });
  await migrate(database.pool, migrations);
  return {
    database,
    async dispose() {
      await database.pool.query(`drop schema ${schema} cascade`);
      await database.close();
    },
  };
}

/** Drops a schema a suite made on the PostgreSQL server, from a connection of its own (the suite's pools are closed). */
export async function dropTestSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.end();
  }
}
