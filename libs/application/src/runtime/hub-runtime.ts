import { type Database, PostgresEventStore, type SubscriptionLag } from '@koppelhub/eventstore';
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
}

/** The hub's infrastructure for one process: database, event store and read-model projections. */
export class HubRuntime {
  readonly projections: ProjectionRunner[];

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

  async stop(): Promise<void> {
    await Promise.all(this.projections.map((p) => p.stop()));
    await this.store.close();
    await this.database.close();
  }
}
