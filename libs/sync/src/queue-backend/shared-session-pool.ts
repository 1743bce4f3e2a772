import { EventEmitter } from 'node:events';
import type { PgNotification, PgPool, PgQueryResult } from 'bullmq';
import type { Pool, PoolClient } from 'pg';
import { SharedSessionClient } from './shared-session-client';

/**
 * A `pg.Pool` look-alike that puts BullMQ on the embedded database's one connection.
 *
 * PGlite is a single session behind the socket: a NOTIFY is answered to the connection whose
 * statement committed it, never to a separate LISTEN connection, and a second socket connection
 * adds nothing but contention. So BullMQ's queries share the hub's pool (max 1) and every
 * notification that arrives on it is handed to BullMQ's LISTEN clients here, which wakes a worker
 * as soon as a job is added in this process.
 */
export class SharedSessionPool extends EventEmitter implements PgPool {
  private readonly notifications = new EventEmitter();
  private readonly relaying = new WeakSet<PoolClient>();
  private readonly relay = (client: PoolClient) => {
    if (this.relaying.has(client)) return;
    this.relaying.add(client);
    client.on('notification', (message: PgNotification) => this.notifications.emit('notification', message));
  };

  constructor(private readonly pool: Pool) {
    super();
    // BullMQ adds an error listener here, and a notification listener there, per queue and worker.
    this.setMaxListeners(0);
    this.notifications.setMaxListeners(0);
    // Every statement runs on an acquired client, so each one relays before its first answer.
    pool.on('acquire', this.relay);
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<PgQueryResult<R>> {
    const result = await this.pool.query(text, params ? [...params] : undefined);
    return { rows: result.rows as R[], rowCount: result.rowCount };
  }

  async connect(): Promise<SharedSessionClient> {
    return new SharedSessionClient(this.pool, this.notifications);
  }

  /** Stops relaying; the hub's pool stays open (the hub owns it). */
  async end(): Promise<void> {
    this.pool.off('acquire', this.relay);
    this.notifications.removeAllListeners();
  }
}
