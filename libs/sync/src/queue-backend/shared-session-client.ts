import { EventEmitter } from 'node:events';
import type { PgNotification, PgPoolClient, PgQueryResult } from 'bullmq';
import type { Pool } from 'pg';

/**
 * What BullMQ gets when it asks the shared pool for a connection: queries go through the hub's
 * pool like any other, and the session's notifications arrive as on a LISTEN connection. It holds
 * no connection itself, so it cannot run a transaction: BullMQ's runtime commands are single
 * statements (its migrations run before, on a real session).
 */
export class SharedSessionClient extends EventEmitter implements PgPoolClient {
  private readonly forward = (message: PgNotification) => this.emit('notification', message);

  constructor(
    private readonly pool: Pool,
    private readonly notifications: EventEmitter,
  ) {
    super();
    notifications.on('notification', this.forward);
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<PgQueryResult<R>> {
    if (/^(\s*--[^\n]*\n)*\s*(begin|start\s+transaction)\b/i.test(text)) {
      throw new Error('a transaction needs a session of its own; the shared embedded session runs single statements');
    }
    const result = await this.pool.query(text, params ? [...params] : undefined);
    return { rows: result.rows as R[], rowCount: result.rowCount };
  }

  release(): void {
    this.notifications.off('notification', this.forward);
  }
}
