import { AnchorSchedule, ChainVerifier, type Database, PostgresEventStore, type SubscriptionLag } from '@koppelhub/eventstore';
import { Logger } from '@nestjs/common';
import { EVENT_UPCASTERS } from '@koppelhub/domain';
import {
  clientRelationsProjection,
  clientSearchProjection,
  clusterMembershipProjection,
  contactsProjection,
  ownershipsProjection,
  ProjectionRunner,
} from '@koppelhub/projections';
import type { Settings } from '../settings/settings';
import { openHubDatabase } from './hub-database';

export interface HubRuntimeOptions {
  /** Run the read-model projections in this process (the API does; a pure worker does not). */
  projections: boolean;
  /** Server schema; tests use one of their own. */
  schema?: string;
  /** Take tamper-evidence anchors every ANCHOR_INTERVAL_MINUTES (the API does). */
  anchors?: boolean;
}

/** The hub's infrastructure for one process: database, event store and read-model projections. */
export class HubRuntime {
  readonly projections: ProjectionRunner[];
  private anchorSchedule?: AnchorSchedule;

  private constructor(
    readonly settings: Settings,
    readonly database: Database,
    readonly store: PostgresEventStore,
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
    const database = await openHubDatabase(settings, options.schema);
    const store = await PostgresEventStore.open(database, { upcasters: EVENT_UPCASTERS });
    const runtime = new HubRuntime(settings, database, store);
    if (options.projections) runtime.projections.forEach((p) => p.start());
    if (options.anchors) runtime.startAnchorSchedule();
    return runtime;
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
    await this.store.close();
    await this.database.close();
  }
}
