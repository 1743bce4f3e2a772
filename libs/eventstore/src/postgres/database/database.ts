import { hash } from 'node:crypto';
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

const CHANNEL_PREFIX = 'koppelhub_events_';
/** PostgreSQL names are at most NAMEDATALEN - 1 bytes: pg_notify refuses longer channels, LISTEN truncates them. */
const MAX_CHANNEL_LENGTH = 63;
const CHANNEL_HASH_LENGTH = 12;

/**
 * The LISTEN/NOTIFY channel of a schema's event store: both sides must name it with this function.
 * `koppelhub_events_<schema>` when that fits in a PostgreSQL name; for a longer schema a prefix of
 * it and a hash of the whole name, so that schemas sharing a long prefix keep channels of their own
 * (a schema of 47 characters or more made every append fail with "channel name too long").
 */
export function notifyChannel(schema: string): string {
  const plain = `${CHANNEL_PREFIX}${schema}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (plain.length <= MAX_CHANNEL_LENGTH) return plain;
  const digest = hash('sha256', schema).slice(0, CHANNEL_HASH_LENGTH);
  return `${plain.slice(0, MAX_CHANNEL_LENGTH - CHANNEL_HASH_LENGTH - 1)}_${digest}`;
}
