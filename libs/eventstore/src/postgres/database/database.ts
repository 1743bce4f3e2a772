import type { Client, Pool } from 'pg';

/**
 * A PostgreSQL database as the adapters use it: a pool, a way to open a dedicated connection, and
 * whether LISTEN/NOTIFY reaches other connections (it does not through the embedded socket).
 */
export interface Database {
  readonly mode: 'server' | 'embedded';
  readonly pool: Pool;
  /** Schema holding the hub's tables; lets several tests share one server. */
  readonly schema: string;
  readonly supportsListen: boolean;
  /** A connection outside the pool, for LISTEN; the caller ends it. */
  connect(applicationName: string): Promise<Client>;
  close(): Promise<void>;
}

export function notifyChannel(schema: string): string {
  return `koppelhub_events_${schema}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}
