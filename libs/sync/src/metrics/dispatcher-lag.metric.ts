import { type Checkpoint, PostgresCheckpointStore } from '@koppelhub/eventstore';
import type { Pool } from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { SYNC_DISPATCHER } from '../sync-dispatcher';

/** Counts the events stored after a checkpoint (PostgresEventStore.countAfter). */
export interface EventCounter {
  countAfter(checkpoint: Checkpoint): Promise<number>;
}

/**
 * Events the sync dispatcher has still to decide on, read from its stored checkpoint: right in
 * every process that shares the database, whether or not it runs the dispatcher itself.
 */
export function registerDispatcherLag(registry: Registry, pool: Pool, events: EventCounter): Gauge {
  const checkpoints = new PostgresCheckpointStore(pool);
  return new Gauge({
    name: 'koppelhub_sync_dispatcher_lag_events',
    help: 'Events in the log the sync dispatcher has not handled yet',
    registers: [registry],
    async collect() {
      // A failed read keeps the last value: a scrape still returns the other metrics.
      const behind = await events.countAfter(await checkpoints.load(SYNC_DISPATCHER)).catch(() => undefined);
      if (behind !== undefined) this.set(behind);
    },
  });
}
