import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@koppelhub/eventstore';
import { Registry } from 'prom-client';
import { describeOnPostgres } from '../../../eventstore/src/testing/test-database';
import { eventually } from '../../../eventstore/src/testing/eventually';
import { metricValue } from '../testing/metric-value';
import { startSyncHarness, type SyncHarness } from '../testing/sync-harness';
import { registerSyncStatusMetrics } from './sync-status.metrics';

const redisUrl = process.env.REDIS_URL;
const describeWithServices = redisUrl ? describeOnPostgres : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: the sync metrics suite is skipped');

describeWithServices('sync metrics (PostgreSQL, Redis, sandboxes)', () => {
  let hub: SyncHarness;
  const registry = new Registry();

  beforeAll(async () => {
    hub = await startSyncHarness(redisUrl!, undefined, { metrics: registry });
    registerSyncStatusMetrics(registry, hub.test.database.pool, hub.store);
  });
  afterAll(async () => {
    await hub.close();
  });

  const meta = { actor: 'test', commandId: 'c', correlationId: 'c' };
  const ev = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });

  /** Registers a company straight into Klant, linked to the given packages. */
  async function klant(clientNumber: string, packages: string[]): Promise<string> {
    const clientId = randomUUID();
    const details = {
      searchName: 'VRIBERHOLD',
      debtorNumber: clientNumber,
      company: { legalForm: 'BV', statutoryName: 'De Vries & Van den Berg Holding B.V.', rsin: '792376092' },
      address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
      packages,
    };
    const result = await hub.store.append([
      {
        stream: `client-${clientId}`,
        expectedVersion: 'no_stream',
        events: [
          ev('ClientRegistered', { clientId, kind: 'company', clientNumber, status: 'Prospect', details }),
          ev('ClientStatusChanged', { clientId, from: 'Ter goedkeuring', to: 'Klant' }),
        ],
      },
    ]);
    await hub.dispatcher.waitFor(result.events[result.events.length - 1].position);
    return clientId;
  }

  it('counts a push for its package, times the answer, and names no client', async () => {
    // Given the counters as they stand
    const before = await registry.metrics();

    // When a client reaches Klant and lands in Twinfield
    const number = `6${Math.floor(Math.random() * 1e6)}`;
    const id = await klant(number, ['twinfield']);
    await eventually(() => hub.deliveries.get(id, 'twinfield'), (d) => d?.status === 'pushed');

    // Then the exposition text shows one more push and one more timed answer for Twinfield only
    // (counted once the job has given its delivery back, a moment after the answer is recorded)
    const pushed = 'koppelhub_sync_pushes_total{package="twinfield",outcome="pushed"}';
    const after = await eventually(
      () => registry.metrics(),
      (text) => metricValue(text, pushed) > metricValue(before, pushed),
    );
    expect(metricValue(after, pushed)).toBe(metricValue(before, pushed) + 1);
    const timed = 'koppelhub_sync_push_duration_seconds_count{package="twinfield"}';
    expect(metricValue(after, timed)).toBe(metricValue(before, timed) + 1);
    const elsewhere = 'koppelhub_sync_pushes_total{package="pinkweb",outcome="pushed"}';
    expect(metricValue(after, elsewhere)).toBe(metricValue(before, elsewhere));
    expect(metricValue(after, 'koppelhub_sync_dispatcher_lag_events', { present: true })).toBe(0);
    expect(after).not.toContain(number);
    expect(after).not.toContain(id);
  });

  it('counts a refused push as a permanent failure and shows it among the failed deliveries', async () => {
    // Given PinkWeb refusing the next push
    hub.sandboxes.pinkweb.faults.add({ kind: 'permanent', message: 'email address is invalid' });
    const before = await registry.metrics();

    // When a client for PinkWeb reaches Klant
    const id = await klant(`7${Math.floor(Math.random() * 1e6)}`, ['pinkweb']);
    await eventually(() => hub.deliveries.get(id, 'pinkweb'), (d) => d?.status === 'failed');

    // Then one permanent failure is counted and the failed list for PinkWeb grew by one
    const refused = 'koppelhub_sync_pushes_total{package="pinkweb",outcome="failed-permanent"}';
    const after = await eventually(
      () => registry.metrics(),
      (text) => metricValue(text, refused) > metricValue(before, refused),
    );
    expect(metricValue(after, refused)).toBe(metricValue(before, refused) + 1);
    const failed = 'koppelhub_sync_failed_deliveries{package="pinkweb"}';
    expect(metricValue(after, failed)).toBe(metricValue(before, failed) + 1);
    expect(metricValue(after, 'koppelhub_sync_failed_deliveries{package="twinfield"}', { present: true })).toBe(0);
  });
});
