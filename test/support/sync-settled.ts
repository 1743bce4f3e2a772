import type { SyncRuntime } from '@koppelhub/sync';
import { eventually } from '../../libs/eventstore/src/testing/eventually';

/**
 * Waits until the dispatcher has decided on everything written so far and no delivery is pending:
 * from then on nothing more is sent (a job still queued finds its payload already there).
 */
export async function syncSettled(
  sync: Pick<SyncRuntime, 'dispatcher' | 'deliveries'>,
  store: { headPosition(): Promise<number> },
  timeoutMs = 30_000,
): Promise<void> {
  await sync.dispatcher.waitFor(await store.headPosition(), timeoutMs);
  await eventually(() => sync.deliveries.withStatus('pending'), (pending) => pending.length === 0, timeoutMs);
}
