import {
  AnchorSchedule,
  ChainVerifier,
  type Database,
  PersonalDataEventStore,
  PersonalDataKeys,
  PostgresEventStore,
  type SubscriptionLag,
} from '@koppelhub/eventstore';
import { Logger } from '@nestjs/common';
import { EVENT_UPCASTERS } from '@koppelhub/domain';
import {
  clientRelationsProjection,
  clientSearchProjection,
  clusterMembershipProjection,
  contactsProjection,
  ownershipsProjection,
  ProjectionRunner,
  RebuildAlreadyRunning,
  RebuildStopped,
} from '@koppelhub/projections';
import { resolvePersonalDataKey } from '../personal-data/personal-data-key';
import { hubPersonalDataPolicy } from '../personal-data/personal-data-policy';
import type { Settings } from '../settings/settings';
import { type Clock, systemClock } from './clock';
import { openHubDatabase } from './hub-database';

export interface HubRuntimeOptions {
  /** Run the read-model projections in this process (the API does; a pure worker does not). */
  projections: boolean;
  /** Server schema; tests use one of their own. */
  schema?: string;
  /** Take tamper-evidence anchors every ANCHOR_INTERVAL_MINUTES (the API does). */
  anchors?: boolean;
  /** "Now" for date-dependent decisions such as erasure after retention; tests move it. */
  clock?: Clock;
}

/** The hub's infrastructure for one process: database, event store and read-model projections. */
export class HubRuntime {
  readonly projections: ProjectionRunner[];
  private anchorSchedule?: AnchorSchedule;
  /** Rebuilds of read models whose fold changed, running beside the live ones (see `startProjections`). */
  private foldRebuilds: Promise<void>[] = [];

  private constructor(
    readonly settings: Settings,
    readonly database: Database,
    /** The log as everything reads and writes it: personal fields sealed on the way in, opened on the way out. */
    readonly store: PersonalDataEventStore,
    readonly clock: Clock,
  ) {
    this.projections = [
      clientSearchProjection,
      clusterMembershipProjection,
      contactsProjection,
      clientRelationsProjection,
      ownershipsProjection,
    ].map(
      (projection) => new ProjectionRunner(database, store, projection),
    );
  }

  static async start(settings: Settings, options: HubRuntimeOptions): Promise<HubRuntime> {
    if (settings.KURRENTDB_URL) {
      // Never ignore a setting silently: the adapter exists, the hub's runtime does not select it yet.
      new Logger('koppelhub').warn(
        'KURRENTDB_URL is set, but the hub keeps its event log on PostgreSQL; the KurrentDB adapter is only exercised by its contract suite',
      );
    }
    // Resolved first: a server without its key stops before touching the database.
    const masterKey = resolvePersonalDataKey(settings);
    const database = await openHubDatabase(settings, options.schema);
    let keys: PersonalDataKeys;
    try {
      keys = await PersonalDataKeys.open(database.pool, masterKey.key, { beforeFirstUse: masterKey.persist });
    } catch (error) {
      await database.close();
      throw error;
    }
    const stored = await PostgresEventStore.open(database, { upcasters: EVENT_UPCASTERS });
    const store = new PersonalDataEventStore(stored, keys, hubPersonalDataPolicy);
    const runtime = new HubRuntime(settings, database, store, options.clock ?? systemClock);
    if (options.projections) await runtime.startProjections();
    if (options.anchors) runtime.startAnchorSchedule();
    return runtime;
  }

  /**
   * Starts the read models, and a rebuild of every one whose rows an older fold made. The live read model keeps
   * answering meanwhile, with the old rows, until the rebuilt table is swapped in. A process that
   * stops first leaves the rows as they were; the next start rebuilds again.
   */
  private async startProjections(): Promise<void> {
    const logger = new Logger('read models');
    // Asked before any runner starts: a read model that has folded nothing yet is new, not stale.
    const staleness = await Promise.all(this.projections.map((runner) => runner.foldIsStale()));
    const stale = this.projections.filter((_, i) => staleness[i]);
    this.projections.forEach((runner) => runner.start());
    for (const runner of stale) {
      const name = runner.projection.name;
      logger.log(`${name}: rows made by an older fold; rebuilding to version ${runner.foldVersion}`);
      this.foldRebuilds.push(
        runner.rebuild().then(
          () => logger.log(`${name}: rebuilt to version ${runner.foldVersion}`),
          (error: unknown) => {
            if (error instanceof RebuildStopped) return;
            if (error instanceof RebuildAlreadyRunning) logger.log(`${name}: another process is rebuilding it`);
            else logger.error(`${name}: rebuild failed, the old rows stay until the next start: ${error instanceof Error ? error.message : String(error)}`);
          },
        ),
      );
    }
  }

  /** Resolves once the rebuilds this start began for changed folds have ended, each swapped in or given up. */
  async foldRebuildsDone(): Promise<void> {
    await Promise.all(this.foldRebuilds);
  }

  /** Resolves once every running read model has handled the log up to `position`. */
  async readModelsAt(position: number, timeoutMs?: number): Promise<void> {
    await Promise.all(this.running().map((p) => p.waitFor(position, timeoutMs)));
  }

  async lag(): Promise<SubscriptionLag[]> {
    return Promise.all(this.running().map((p) => p.lag()));
  }

  private running(): ProjectionRunner[] {
    return this.projections.filter((p) => p.isRunning);
  }

  private startAnchorSchedule(): void {
    const logger = new Logger('tamper-evidence');
    this.anchorSchedule = new AnchorSchedule(new ChainVerifier(this.database.pool), {
      intervalMs: this.settings.ANCHOR_INTERVAL_MINUTES * 60_000,
      onAnchor: (anchor) => logger.log(`anchor ${anchor.anchorId} over ${anchor.streamCount} streams up to position ${anchor.upToPosition}`),
      onError: (error) => logger.error(`anchor failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.anchorSchedule.start();
  }

  async stop(): Promise<void> {
    await this.anchorSchedule?.stop();
    await Promise.all(this.projections.map((p) => p.stop()));
    await this.foldRebuildsDone();
    await this.store.close();
    await this.database.close();
  }
}
