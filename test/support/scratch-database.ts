import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface ScratchDatabase {
  /** DATABASE_URL of the new database. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A whole database of the test's own on the DATABASE_URL server. Needed where another process
 * (the worker) must share the test's data: processes started from an entry point use the
 * database's default schema, not a per-suite one.
 */
export function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  return createDatabaseNamed(serverUrl, `koppelhub_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
}

/** A new, empty database of this name on the server, dropping one left by an earlier run first. */
export async function createDatabaseNamed(serverUrl: string, name: string): Promise<ScratchDatabase> {
  await dropDatabase(serverUrl, name);
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** Drops a database, whoever is still connected to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `drop database if exists ${name} with (force)`);
}

/** One statement on a connection of its own (creating and dropping databases takes one outside any transaction). */
export async function onServer<Row extends object>(serverUrl: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return (await admin.query<Row>(sql, values)).rows;
  } finally {
    await admin.end();
  }
}
