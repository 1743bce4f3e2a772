import { Coalescer } from '@koppelhub/eventstore';
import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** Runs a task while no other process runs one for the same delivery. */
export interface DeliveryLocks {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A key another process holds for this long fails its task, for the queue to try again later. */
const WAIT_LIMIT_MS = 30_000;
const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another worker process kept the delivery for longer than this one would wait; transient. */
export class DeliveryBusy extends Error {
  constructor(key: string, waitedMs: number) {
    super(`another worker process has been pushing ${key} for ${waitedMs} ms`);
    this.name = 'DeliveryBusy';
  }
}

/**
 * Deliveries held across the worker processes that share the hub's database, as session advisory
 * locks on one connection of this process's own. The calls of jobs running side by side go
 * together, one statement for all their keys; a key another process holds is tried again after a
 * short, growing pause. A process that dies gives its keys back with its connection, so nothing is
 * left held for a timeout to free.
 *
 * In a process, tasks for one key must already run one at a time (PushProcessor sees to it): the
 * connection's session is one holder for PostgreSQL, which counts its locks per key.
 */
export class AdvisoryDeliveryLocks implements DeliveryLocks {
  private held?: Promise<HeldConnection>;
  private closed = false;
  private readonly tries = new Coalescer<string, boolean>((keys) => this.tryMany(keys), String);
  private readonly givings = new Coalescer<string, void>((keys) => this.giveMany(keys));

  constructor(
    private readonly pool: Pool,
    private readonly waitLimitMs = WAIT_LIMIT_MS,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.take(key);
    try {
      return await task();
    } finally {
      // A connection lost meanwhile took the key with it; there is nothing left to give back.
      await this.givings.load(key).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const held = this.held;
    this.held = undefined;
    // Closed rather than pooled: whatever keys it still holds are given back with the session.
    (await held?.catch(() => undefined))?.drop();
  }

  private async take(key: string): Promise<void> {
    const started = Date.now();
    for (let retryMs = FIRST_RETRY_MS; ; retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS)) {
      if (await this.tries.load(key)) return;
      const waited = Date.now() - started;
      if (waited >= this.waitLimitMs) throw new DeliveryBusy(key, waited);
      await pause(retryMs);
    }
  }

  private async tryMany(keys: string[]): Promise<Map<string, boolean>> {
    const rows = await this.query<{ key: string }>(
      `select key from unnest($1::text[]) as key where pg_try_advisory_lock(hashtextextended('delivery:' || key, 0))`,
      keys,
    );
    const taken = new Set(rows.map((row) => row.key));
    return new Map(keys.map((key) => [key, taken.has(key)]));
  }

  private async giveMany(keys: string[]): Promise<void> {
    await this.query(`select pg_advisory_unlock(hashtextextended('delivery:' || key, 0)) from unnest($1::text[]) as key`, keys);
  }

  /**
   * A statement on the held session. One that fails may have taken some keys, or given back only
   * some: ending the session gives back every key it holds, so none stays held for as long as the
   * process runs.
   */
  private async query<R extends QueryResultRow>(sql: string, keys: string[]): Promise<R[]> {
    const held = await this.session();
    try {
      return (await held.client.query<R>(sql, [keys])).rows;
    } catch (error) {
      held.drop();
      throw error;
    }
  }

  /** The held connection, taken again after one was lost (a database restart, say). */
  private session(): Promise<HeldConnection> {
    if (this.closed) return Promise.reject(new Error('the delivery locks are closed'));
    this.held ??= this.connect();
    return this.held;
  }

  private connect(): Promise<HeldConnection> {
    const held: Promise<HeldConnection> = this.pool.connect().then((client) => {
      let dropped = false;
      const drop = () => {
        if (this.held === held) this.held = undefined;
        if (dropped) return;
        dropped = true;
        client.release(true);
      };
      // An ended session took its keys with it: their tasks run on, and their givings fail quietly.
      client.on('error', drop);
      return { client, drop };
    });
    held.catch(() => {
      if (this.held === held) this.held = undefined;
    });
    return held;
  }
}

interface HeldConnection {
  client: PoolClient;
  /** Ends the connection (once), out of the pool. */
  drop(): void;
}
