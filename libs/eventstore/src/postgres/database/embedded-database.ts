import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client, Pool, type PoolConfig } from 'pg';
import type { Database } from './database';
import { lockDataDir } from './data-dir-lock';

export interface EmbeddedDatabaseOptions {
  /** Folder for the database files; `memory` keeps everything in memory (tests). */
  dataDir: string;
}

/**
 * PGlite in this process, served on a private Unix socket so the same `pg`-based adapters (and
 * BullMQ's PostgreSQL backend) use it like a server. The socket server runs one transaction at a
 * time across its connections: correct, but code must never wait on a second connection while it
 * holds a transaction open. NOTIFY does not reach other socket connections, so embedded mode wakes
 * subscriptions in process instead (every writer lives in this process).
 *
 * The pool has a single connection: PGlite has one backend session, and extended-protocol
 * messages of concurrent queries on several socket connections were seen to interleave (a Bind
 * landing on another connection's unnamed statement). One connection queues them in order.
 */
export async function openEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir === 'memory';
  if (!inMemory) mkdirSync(resolve(options.dataDir), { recursive: true });
  const unlock = inMemory ? () => undefined : lockDataDir(resolve(options.dataDir));
  let db: PGlite;
  try {
    db = await PGlite.create(inMemory ? 'memory://' : resolve(options.dataDir));
  } catch (error) {
    unlock();
    throw error;
  }

  let served: Served;
  try {
    served = await serve(db);
  } catch (error) {
    // Close what was opened and free the folder: left held, a retry in this process was refused
    // as DataDirInUse by its own earlier attempt.
    await db.close().catch(() => undefined);
    unlock();
    throw error;
  }
  const { socketDir, server } = served;

  const config = (applicationName: string): PoolConfig => ({
    host: socketDir,
    user: 'postgres',
    database: 'postgres',
    application_name: applicationName,
  });
  const pool = new Pool({ ...config('koppelhub'), max: 1 });
  pool.on('error', () => undefined);

  return {
    mode: 'embedded',
    pool,
    schema: 'public',
    supportsListen: false,
    async connect(applicationName) {
      const client = new Client(config(applicationName));
      await client.connect();
      return client;
    },
    async close() {
      await pool.end();
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      unlock();
    },
  };
}

interface Served {
  socketDir: string;
  server: PGLiteSocketServer;
}

/** Serves `db` on a socket in a private folder; leaves nothing behind when that fails. */
async function serve(db: PGlite): Promise<Served> {
  // A short private folder: Unix socket paths are limited to about 100 characters.
  const socketDir = mkdtempSync(join(tmpdir(), 'kh-'));
  const server = new PGLiteSocketServer({
    db,
    path: join(socketDir, '.s.PGSQL.5432'),
    maxConnections: 8,
  });
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  return { socketDir, server };
}
