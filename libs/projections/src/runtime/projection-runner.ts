import {
  type Checkpoint,
  type Database,
  type EventStore,
  type FoldableEvent,
  inTransaction,
  isAfterCheckpoint,
  PostgresCheckpointStore,
  SessionLock,
  type Subscription,
} from '@koppelhub/eventstore';
import type { PoolClient } from 'pg';
import { checkpointedTransaction } from './checkpointed-write';
import { FoldAheadWriter } from './fold-ahead-writer';
import { FoldVersions } from './fold-versions';
import { RebuildCatchUp } from './rebuild-catch-up';
import { applyBatch, type RowProjection } from './row-projection';
import { WrittenRows } from './written-rows';

export const subscriptionIdOf = (projection: { name: string }): string => `projection-${projection.name}`;

/**
 * The live table changed shape while the rebuild ran (a migration of a deploy beside it): swapping
 * the fresh table in, made as the live one was at the start, would drop what the migration made.
 */
export class RebuildOutOfShape extends Error {
  constructor(readonly projection: string) {
    super(`the table of ${projection} changed while it was rebuilt (a migration ran); nothing was swapped, rebuild it again`);
    this.name = 'RebuildOutOfShape';
  }
}

/** The runner was stopped while it rebuilt: nothing was swapped in. */
export class RebuildStopped extends Error {
  constructor(readonly projection: string) {
    super(`the rebuild of ${projection} was stopped; nothing was swapped, the read model is as it was`);
    this.name = 'RebuildStopped';
  }
}

/** Another process is rebuilding the same read model: a second rebuild would drop its fresh table. */
export class RebuildAlreadyRunning extends Error {
  constructor(readonly projection: string) {
    super(`a rebuild of ${projection} is already running elsewhere; wait for it to finish`);
    this.name = 'RebuildAlreadyRunning';
  }
}

/**
 * Keeps one read model up to date from its own subscription. Rows and checkpoint are written in
 * one transaction, so a crash leaves them consistent and the batch is simply handled again.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private readonly checkpoints: PostgresCheckpointStore;
  private readonly versions: FoldVersions;
  /** The fresh table's runner while a rebuild runs: stopping this runner stops it too. */
  private shadow?: ProjectionRunner;
  /** Set by `stop`: a rebuild in progress gives up, and does not start the live runner again. */
  private stopping = false;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    // `any`: row shapes differ per projection; each projection is type-checked where it is defined.
    readonly projection: RowProjection<any>,
    private readonly subscriptionId = subscriptionIdOf(projection),
    /** Only for a table this runner alone writes (a rebuild's): see WrittenRows. */
    private readonly written?: WrittenRows<object>,
  ) {
    this.checkpoints = new PostgresCheckpointStore(database.pool);
    this.versions = new FoldVersions(database.pool);
  }

  /** The version of the fold the rows are to be made by (see `RowProjection.version`). */
  get foldVersion(): number {
    return this.projection.version ?? 1;
  }

  get id(): string {
    return this.subscriptionId;
  }

  get isRunning(): boolean {
    return this.subscription !== undefined;
  }

  start(): Subscription {
    this.stopping = false;
    const id = this.id;
    let current: Checkpoint | undefined;
    // A table this runner alone writes (a rebuild's) takes its next batch in while one commits.
    const ahead = this.written && new FoldAheadWriter(this.database, this.projection, this.checkpoints, id, this.written);
    this.subscription = this.store.subscribeForFold({
      id,
      batchSize: PROJECTION_BATCH_SIZE,
      types: this.projection.eventTypes,
      handler: {
        loadCheckpoint: async () => {
          current = await this.checkpoints.load(id);
          ahead?.resumeFrom(current);
          return current;
        },
        handle: async (events: FoldableEvent[], checkpoint: Checkpoint) => {
          if (ahead) return ahead.take(events, checkpoint);
          const move = { checkpoints: this.checkpoints, subscriptionId: id, from: current!, to: checkpoint };
          await checkpointedTransaction(this.database.pool, move, (tx) => applyBatch(tx, this.projection, events));
          current = checkpoint;
        },
      },
    });
    return this.subscription;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.shadow?.stop();
    await this.pause();
  }

  private async pause(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * Whether the rows were made by an older fold than this one, and want a rebuild. A read model
   * with no version recorded either folded nothing yet (it then takes this version, and needs
   * nothing) or was folded before versions were recorded, by version 1.
   */
  async foldIsStale(): Promise<boolean> {
    const recorded = await this.versions.load(this.projection.name);
    if (recorded !== undefined) return recorded < this.foldVersion;
    const checkpoint = await this.checkpoints.load(this.id);
    if (checkpoint.position === 0) {
      await this.versions.record(this.database.pool, this.projection.name, this.foldVersion);
      return false;
    }
    return this.foldVersion > 1;
  }

  waitFor(position: number, timeoutMs?: number): Promise<void> {
    if (!this.subscription) throw new Error(`projection ${this.projection.name} is not running`);
    return this.subscription.waitFor(position, timeoutMs);
  }

  lag() {
    if (!this.subscription) throw new Error(`projection ${this.projection.name} is not running`);
    return this.subscription.lag();
  }

  /**
   * Rebuilds the read model from position 0 into a fresh table and swaps it in. The live table keeps
   * answering queries meanwhile; only the swap itself (a rename in one transaction, after a last
   * catch-up) pauses the live projection for a moment.
   */
  async rebuild(timeoutMs = 600_000): Promise<void> {
    // A stop before this rebuild began stopped what ran then, not this.
    this.stopping = false;
    const release = await this.holdRebuild();
    try {
      await this.rebuildHeld(timeoutMs);
    } finally {
      await release();
    }
  }

  /**
   * One rebuild of a read model at a time, across processes: a session lock held for the whole
   * rebuild (see rebuildLockKey). Not on the embedded database, which one process holds alone and
   * whose single connection the rebuild itself needs.
   */
  private async holdRebuild(): Promise<() => Promise<void>> {
    if (this.database.mode === 'embedded') return async () => undefined;
    const lock = await SessionLock.tryTake(this.database.pool, rebuildLockKey(this.database.schema, this.projection.table));
    if (!lock) throw new RebuildAlreadyRunning(this.projection.name);
    return () => lock.release();
  }

  private async rebuildHeld(timeoutMs: number): Promise<void> {
    const live = this.projection.table;
    const fresh = `${live}_rebuild`;
    const rebuildId = `${this.id}-rebuild`;
    await inTransaction(this.database.pool, async (tx) => {
      await tx.query(`drop table if exists ${fresh}`);
      await tx.query(`create table ${fresh} (like ${live} including all)`);
      await this.checkpoints.reset(tx, rebuildId);
    });
    const projection = { ...this.projection, table: fresh };
    const written = new WrittenRows<object>();
    const shadow = new ProjectionRunner(this.database, this.store, projection, rebuildId, written);
    const wasRunning = this.isRunning;
    this.shadow = shadow;
    try {
      // Fold the log in memory while the live projection keeps running, each row written about once ...
      await new RebuildCatchUp(this.database, this.store, projection, this.checkpoints, rebuildId, written, PROJECTION_BATCH_SIZE).run(() => this.stopping);
      if (this.stopping) throw new RebuildStopped(this.projection.name);
      // ... catch up on the rest through the subscription ...
      await shadow.start().waitFor(await this.store.headPosition(), timeoutMs);
      // ... then pause it, take the last events, and swap.
      await this.pause();
      let behind = await this.store.headPosition();
      for (let attempt = 1; ; attempt++) {
        if (this.stopping) throw new RebuildStopped(this.projection.name);
        if (!shadow.isRunning) shadow.start();
        await shadow.waitFor(behind, timeoutMs);
        await shadow.stop();
        const swapped = await this.swapIn(fresh, rebuildId);
        if (swapped === true) break;
        // A live runner in another process (the API, beside a CLI rebuild) handled events the
        // shadow has not: swapping now would set it back and leave them out until it noticed.
        if (attempt === MAX_SWAP_ATTEMPTS) throw new Error(`rebuild of ${this.projection.name}: the live read model kept moving ahead`);
        behind = swapped.livePosition;
      }
    } catch (error) {
      throw this.stopping ? new RebuildStopped(this.projection.name) : error;
    } finally {
      this.shadow = undefined;
      await shadow.stop();
      if (wasRunning && !this.isRunning && !this.stopping) this.start();
    }
  }

  /** Swaps the fresh table in, unless the live checkpoint is past the rebuild's: then says where it is. */
  private async swapIn(fresh: string, rebuildId: string): Promise<true | { livePosition: number }> {
    const live = this.projection.table;
    return inTransaction(this.database.pool, async (tx) => {
      // A runner elsewhere holds its checkpoint row, then writes the table; the swap drops the
      // table, then writes that row. Taking the row first makes one wait for the other instead
      // of both waiting on each other.
      await this.checkpoints.hold(tx, this.id);
      const checkpoint = await this.checkpoints.loadIn(tx, rebuildId);
      const liveCheckpoint = await this.checkpoints.loadIn(tx, this.id);
      if (isAfterCheckpoint(liveCheckpoint, checkpoint)) return { livePosition: liveCheckpoint.position };
      const liveIndexes = await indexesOf(tx, live);
      const freshIndexes = await indexesOf(tx, fresh);
      if ((await shapeOf(tx, live)) !== (await shapeOf(tx, fresh)) || !sameKeys(liveIndexes, freshIndexes)) {
        throw new RebuildOutOfShape(this.projection.name);
      }
      const grants = await grantsOn(tx, live);
      await tx.query(`drop table ${live}`);
      await tx.query(`alter table ${fresh} rename to ${live}`);
      // A new table starts with no privileges for others: a reporting role reading the read
      // model must not lose its access to a rebuild.
      for (const grant of grants) await tx.query(grant);
      // The copies were named after the fresh table; they take back the live names, which later
      // migrations may name (renaming a key's index renames its constraint too).
      for (const [shape, name] of freshIndexes) {
        const original = liveIndexes.get(shape);
        if (original && original !== name) await tx.query(`alter index ${name} rename to ${original}`);
      }
      await this.checkpoints.save(tx, this.id, checkpoint);
      await this.checkpoints.reset(tx, rebuildId);
      await this.versions.record(tx, this.projection.name, this.foldVersion);
      return true as const;
    });
  }
}

/**
 * The advisory lock one rebuild of a read model holds. Advisory locks are the server database's,
 * not a schema's: without the schema, hubs in two schemas of one database (or two test suites side
 * by side) refused each other's rebuilds.
 */
export const rebuildLockKey = (schema: string, table: string): string => `rebuild:${schema}.${table}`;

/** Events a runner reads and writes at a time, its rebuild's first pass included. */
export const PROJECTION_BATCH_SIZE = 5000;

/** How often a swap gives way to a live runner that moved ahead before the rebuild gives up. */
const MAX_SWAP_ATTEMPTS = 10;

/** A table's indexes by their shape (the definition without index and table names), to their names. */
async function indexesOf(tx: PoolClient, table: string): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = $1::regclass`,
    [table],
  );
  return new Map(rows.map(({ name, definition }) => [definition.replace(/INDEX \S+ ON \S+/, 'INDEX ON'), name]));
}

/** A table's columns in order, with their types, defaults and whether they take nulls. */
async function shapeOf(tx: PoolClient, table: string): Promise<string> {
  const { rows } = await tx.query<{ shape: string }>(
    `select string_agg(format('%s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                              coalesce(pg_get_expr(d.adbin, d.adrelid), '')), ', ' order by a.attnum) as shape
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped`,
    [table],
  );
  return rows[0]?.shape ?? '';
}

const sameKeys = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean =>
  a.size === b.size && [...a.keys()].every((key) => b.has(key));

/** The privileges roles other than the owner hold on a table, as the statements that grant them again. */
async function grantsOn(tx: PoolClient, table: string): Promise<string[]> {
  const { rows } = await tx.query<{ statement: string }>(
    `select format('grant %s on %I to %s%s', a.privilege_type, c.relname,
                   case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end,
                   case when a.is_grantable then ' with grant option' else '' end) as statement
       from pg_class c, aclexplode(c.relacl) a
      where c.oid = $1::regclass and a.grantee <> c.relowner`,
    [table],
  );
  return rows.map((row) => row.statement);
}
