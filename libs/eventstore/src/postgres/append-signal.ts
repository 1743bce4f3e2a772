import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Client } from 'pg';
import { type Database, notifyChannel } from './database/database';

/** The shortest gap between two cross-process wake-ups; what it adds to another process's delay. */
export const NOTIFY_GAP_MS = 5;

/**
 * Wakes subscriptions when events were appended: in process at once, and in other processes
 * through LISTEN/NOTIFY where the database delivers it.
 *
 * The wake-up for other processes rides on an append batch where it can: the batch's transaction
 * notifies, so it costs no statement of its own (see the 009 migration). At most one batch carries
 * it at a time, since the notification lock serialises the commits that notify, and at most one
 * starts per NOTIFY_GAP_MS, which bounds how often listeners look. A batch that carried none is
 * owed a wake-up: the next batch sent after the gap carries it, or, when none is on its way, a
 * NOTIFY of its own goes out. The LISTEN connection reconnects after a database restart and wakes
 * everyone then, since notifications sent meanwhile are lost.
 */
export class AppendSignal {
  /** Names this signal's wake-ups, so that its own listener skips them (see the 010 migration). */
  readonly sender = randomUUID();
  private readonly emitter = new EventEmitter();
  private readonly channel: string;
  private listener?: Client;
  private closed = false;
  private reconnectDelay = 100;
  private notificationInFlight = false;
  private quietUntil = 0;
  private owed = false;
  private settleTimer?: NodeJS.Timeout;

  /** `batchesPending`: whether an append batch is on its way or about to be sent. */
  constructor(
    private readonly database: Database,
    private readonly batchesPending: () => boolean,
  ) {
    this.emitter.setMaxListeners(0);
    this.channel = notifyChannel(database.schema);
  }

  async start(): Promise<void> {
    if (this.database.supportsListen) await this.listen().catch(() => this.scheduleReconnect());
  }

  /**
   * Wakes this process's subscriptions. `types`: the types of the events appended, so that a
   * subscription to other types sleeps on; without them (a wake-up from another process, a
   * reconnect) every subscription looks.
   */
  notify(types?: ReadonlySet<string>): void {
    this.emitter.emit('appended', types);
  }

  /** The channel a batch about to be sent notifies on, or null when it carries no wake-up. */
  channelForBatch(): string | null {
    if (!this.database.supportsListen || this.closed || this.notificationInFlight) return null;
    if (Date.now() < this.quietUntil) return null;
    this.notificationInFlight = true;
    // It commits after every batch answered so far: its wake-up covers them.
    this.owed = false;
    return this.channel;
  }

  /** A batch's end: `carried`, whether it had a channel; `answered`, whether it came back committed. */
  batchEnded(carried: boolean, answered: boolean): void {
    // A batch may have committed before its answer was lost, and its own notification is skipped
    // when it comes back: this process's subscriptions look, whatever they take.
    if (!answered) this.notify();
    if (!this.database.supportsListen) return;
    if (carried) this.notificationEnded();
    if (!carried || !answered) this.owed = true;
    // On the next turn: the callers the answer woke have then handed the batcher what they append
    // next, which is sent at once and can carry the wake-up.
    setImmediate(() => this.settle());
  }

  private notificationEnded(): void {
    this.notificationInFlight = false;
    this.quietUntil = Date.now() + NOTIFY_GAP_MS;
  }

  private settle(): void {
    if (!this.owed || this.notificationInFlight || this.closed) return;
    const wait = this.quietUntil - Date.now();
    if (wait > 0) {
      this.settleTimer ??= setTimeout(() => {
        this.settleTimer = undefined;
        this.settle();
      }, wait).unref();
      return;
    }
    // A batch on its way settles again when it ends; one about to be sent carries the wake-up.
    if (this.batchesPending()) return;
    this.notificationInFlight = true;
    this.owed = false;
    this.database.pool
      .query('select pg_notify($1, $2)', [this.channel, this.sender])
      // A lost wake-up only delays other processes until their next check; never fail the append.
      .catch(() => undefined)
      .finally(() => {
        this.notificationEnded();
        this.settle();
      });
  }

  onAppended(listener: (types: ReadonlySet<string> | undefined) => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.settleTimer);
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
    // Its own wake-ups woke this process's subscriptions already, each for the types appended.
    client.on('notification', (message) => {
      if (message.payload !== this.sender) this.notify();
    });
    try {
      await client.query(`listen ${this.channel}`);
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
