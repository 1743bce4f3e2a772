import { EventEmitter } from 'node:events';
import type { Client } from 'pg';
import type { Database } from './database/database';
import { notifyChannel } from './database/database';

/**
 * Wakes subscriptions when events were appended: in process at once, and in other processes
 * through LISTEN/NOTIFY where the database delivers it. The NOTIFY is sent after the append has
 * committed, outside its transaction, and coalesced (at most one in flight, one more queued), so
 * writers never queue on the notification lock. The LISTEN connection reconnects after a
 * database restart and wakes everyone then, since notifications sent meanwhile are lost.
 */
/** The shortest gap between two cross-process wake-ups; what it adds to another process's delay. */
const NOTIFY_GAP_MS = 5;

export class AppendSignal {
  private readonly emitter = new EventEmitter();
  private listener?: Client;
  private closed = false;
  private reconnectDelay = 100;

  constructor(private readonly database: Database) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.database.supportsListen) await this.listen().catch(() => this.scheduleReconnect());
  }

  /** Called by the store after every append that wrote events. */
  appended(): void {
    this.notify();
    if (this.database.supportsListen) this.notifyOtherProcesses();
  }

  notify(): void {
    this.emitter.emit('appended');
  }

  private notifying = false;
  private notifyAgain = false;

  private notifyOtherProcesses(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.notifyAgain = false;
    this.database.pool
      .query('select pg_notify($1, $2)', [notifyChannel(this.database.schema), ''])
      // A lost wake-up only delays other processes until their next check; never fail the append.
      .catch(() => undefined)
      // Appends during the notification and the short gap after it share one more: a busy writer
      // sends a few hundred a second at most instead of one per append (each is a round trip).
      .finally(() => setTimeout(() => this.notified(), NOTIFY_GAP_MS).unref());
  }

  private notified(): void {
    this.notifying = false;
    if (this.notifyAgain && !this.closed) this.notifyOtherProcesses();
  }

  onAppended(listener: () => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = await this.database.connect('koppelhub-listener');
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.notify());
    try {
      await client.query(`listen ${notifyChannel(this.database.schema)}`);
    } catch (error) {
      // Not yet this.listener, so `lost` leaves it open: end it here, or every retry leaks one.
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.listener = client;
    this.reconnectDelay = 100;
    this.notify();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 5_000);
    setTimeout(() => {
      if (!this.closed) this.listen().catch(() => this.scheduleReconnect());
    }, delay).unref();
  }
}
