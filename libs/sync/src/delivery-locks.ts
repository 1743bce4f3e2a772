import { Coalescer } from '@koppelhub/eventstore';
import type { Client } from 'pg';
import { OneAtATimePerKey } from './one-at-a-time-per-key';

/** Runs a task while no other process runs one for the same delivery. */
export interface DeliveryLocks {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A key another process holds for this long fails its task, for the queue to try again later. */
const WAIT_LIMIT_MS = 30_000;
const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 200;

/** A giving of no key of its own, for the keys owed back. */
const OWED_ONLY = '';

/**
 * The advisory lock a delivery is held by. Advisory locks are the server database's, not a
 * schema's; client ids derive from client numbers, so hubs in two schemas of one database (or two
 * test suites side by side) would otherwise wait on each other's pushes of the same number.
 */
export const deliveryLockName = (schema: string, key: string): string => `delivery:${schema}:${key}`;

/** Gives back one hold of each key (PostgreSQL counts a session's holds per key). */
const GIVE_BACK = `select pg_advisory_unlock(hashtextextended($2::text || key, 0)) from unnest($1::text[]) as key`;

export interface DeliveryLockOptions {
  /** The hub's schema: deliveries are held apart per schema. */
  schema: string;
  /** How long a key another process holds is waited for before the task fails (transient). */
  waitLimitMs?: number;
}

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
 * The lock is only as good as that connection: should the database end it (a restart, a network
 * loss), the keys go with it while their pushes run on, and another process may take one of those
 * deliveries before its push has recorded its answer. The connection keeps TCP keepalive on so a
 * silent loss is noticed, and a failed statement does not end it.
 */
export class AdvisoryDeliveryLocks implements DeliveryLocks {
  private held?: Promise<HeldConnection>;
  private closed = false;
  private readonly tries = new Coalescer<string, boolean>((keys) => this.tryMany(keys), String);
  private readonly givings = new Coalescer<string, void>((keys) => this.giveMany(keys));
  /**
   * One task per key at a time in this process: PostgreSQL counts a session's locks per key, so two
   * tasks of this process would both hold the key, and the first to give it back would free it.
   */
  private readonly inProcess = new OneAtATimePerKey<string>();
  /** Keys whose giving back failed on a connection still open: given back with the next ones. */
  private owed: string[] = [];
  private owedRetry?: NodeJS.Timeout;
  private readonly running = new Set<Promise<unknown>>();
  /** `deliveryLockName` of this schema, up to the key. */
  private readonly namePrefix: string;
  private readonly waitLimitMs: number;

  constructor(
    /** Opens the connection the locks are held on (one of its own, not the pool's). */
    private readonly connect: () => Promise<Client>,
    { schema, waitLimitMs = WAIT_LIMIT_MS }: DeliveryLockOptions,
  ) {
    this.namePrefix = deliveryLockName(schema, '');
    this.waitLimitMs = waitLimitMs;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the delivery locks are closed'));
    const running = this.inProcess.run(key, () => this.holding(key, task));
    this.running.add(running);
    void running.then(
      () => this.running.delete(running),
      () => this.running.delete(running),
    );
    return running;
  }

  /** Waits for the tasks in hand, then ends the connection, which gives back whatever it holds. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running]);
    clearTimeout(this.owedRetry);
    const held = this.held;
    this.held = undefined;
    (await held?.catch(() => undefined))?.drop();
  }

  private async holding<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.take(key);
    try {
      return await task();
    } finally {
      // A connection lost meanwhile took the key with it; there is nothing left to give back.
      await this.givings.load(key).catch(() => undefined);
    }
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
    const held = await this.session();
    try {
      const { rows } = await held.client.query<{ key: string }>(
        `select key from unnest($1::text[]) as key where pg_try_advisory_lock(hashtextextended($2::text || key, 0))`,
        [keys, this.namePrefix],
      );
      const taken = new Set(rows.map((row) => row.key));
      return new Map(keys.map((key) => [key, taken.has(key)]));
    } catch (error) {
      // It may have taken some before it failed. No task of this process holds these keys (one at
      // a time per key, and theirs is the one failing), so unlocking each now frees exactly what
      // the statement took. Owed back later instead, an unlock could free a key the next task of
      // this process had taken meanwhile, while its push runs.
      if (this.held === held.promise) await this.untake(held, keys);
      throw error;
    }
  }

  /** Gives back what a failed try took; owed back should even that fail (the connection failing). */
  private async untake(held: HeldConnection, keys: string[]): Promise<void> {
    try {
      await held.client.query(GIVE_BACK, [keys, this.namePrefix]);
    } catch {
      if (this.held === held.promise) this.oweBack(keys);
    }
  }

  private async giveMany(keys: string[]): Promise<void> {
    const held = await this.session();
    const giving = [...this.owed.splice(0), ...keys.filter((key) => key !== OWED_ONLY)];
    try {
      await held.client.query(GIVE_BACK, [giving, this.namePrefix]);
    } catch (error) {
      // On the same connection the count per key still stands, so a later unlock gives it back
      // even when another task of this process has taken the key again meanwhile.
      if (this.held === held.promise) this.oweBack(giving);
      throw error;
    }
  }

  /** Keys to give back on the held connection, with the next giving or in a second at the latest. */
  private oweBack(keys: string[]): void {
    this.owed.push(...keys);
    if (this.owedRetry) return;
    this.owedRetry = setTimeout(() => {
      this.owedRetry = undefined;
      if (this.owed.length > 0) void this.givings.load(OWED_ONLY).catch(() => undefined);
    }, 1_000);
    this.owedRetry.unref();
  }

  /** The held connection, opened again after one was lost (a database restart, say). */
  private session(): Promise<HeldConnection> {
    if (this.closed && this.running.size === 0) return Promise.reject(new Error('the delivery locks are closed'));
    this.held ??= this.open();
    return this.held;
  }

  private open(): Promise<HeldConnection> {
    const promise: Promise<HeldConnection> = this.connect().then((client) => {
      let dropped = false;
      const drop = () => {
        if (this.held === promise) {
          this.held = undefined;
          // What that session held is gone with it; an unlock on the next could free a key taken there.
          this.owed = [];
        }
        if (dropped) return;
        dropped = true;
        void client.end().catch(() => undefined);
      };
      // An ended session took its keys with it: their tasks run on, and their givings fail quietly.
      client.on('error', drop);
      client.on('end', drop);
      return { client, drop, promise };
    });
    promise.catch(() => {
      if (this.held === promise) this.held = undefined;
    });
    return promise;
  }
}

interface HeldConnection {
  client: Client;
  /** Ends the connection (once). */
  drop(): void;
  /** The promise it was handed out by, to tell whether it is still the held one. */
  promise: Promise<HeldConnection>;
}
