import type { SyncRuntime } from '@koppelhub/sync';
import { eventually } from '../../libs/eventstore/src/testing/eventually';

/**
 * Waits until the dispatcher has decided on everything written so far, no delivery is pending and
 * no job is left in any queue: a job queued for a change another job already pushed finds nothing
 * to send, but it still runs and counts as `unchanged`, which a test counting outcomes must not see
 * land in its own change.
 */
export async function syncSettled(
  sync: Pick<SyncRuntime, 'dispatcher' | 'deliveries' | 'queues'>,
  store: { headPosition(): Promise<number> },
  timeoutMs = 30_000,
): Promise<void> {
  await sync.dispatcher.waitFor(await store.headPosition(), timeoutMs);
  await eventually(() => sync.deliveries.withStatus('pending'), (pending) => pending.length === 0, timeoutMs);
  await eventually(
    () => Promise.all(sync.queues.all().map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'))),
    (counts) => counts.every((count) => Object.values(count).every((n) => n === 0)),
    timeoutMs,
  );
}
