import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, type NewEvent, PostgresEventStore } from '@koppelhub/eventstore';
import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../eventstore/src/testing/test-database';
import { NO_RELATIONS } from './client-push.builder';
import { DeliveryStore } from './delivery.store';
import type { PushJob } from './push-job';
import { SYNC_DISPATCHER, SyncDispatcher } from './sync-dispatcher';
import { syncMigrations } from './sync.migrations';

describeOnPostgres('sync dispatchers in several worker processes (PostgreSQL)', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', [...eventStoreMigrations, ...syncMigrations]);
    store = await PostgresEventStore.open(test.database);
  });
  afterAll(async () => {
    await store.close();
    await test.dispose();
  });

  const meta = { actor: 'test', commandId: 'c', correlationId: 'c' };
  const ev = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });

  /** A dispatcher as a worker process runs one, with its enqueued jobs recorded instead of queued. */
  function workerDispatcher(enqueued: PushJob[]): SyncDispatcher {
    return new SyncDispatcher(test.database, store, { read: async () => NO_RELATIONS }, new DeliveryStore(test.database.pool), async (jobs) => {
      enqueued.push(...jobs);
    });
  }

  it('given two dispatchers that both loaded the checkpoint, when a client becomes Klant, then its pushes are decided and enqueued once', async () => {
    const [first, second]: PushJob[][] = [[], []];
    const dispatchers = [workerDispatcher(first), workerDispatcher(second)];
    dispatchers.forEach((dispatcher) => dispatcher.start());
    try {
      const clientId = randomUUID();
      const { events } = await store.append([
        {
          stream: `client-${clientId}`,
          expectedVersion: 'no_stream',
          events: [
            ev('ClientRegistered', {
              clientId,
              kind: 'company',
              clientNumber: '5101',
              status: 'Klantaanvraag',
              details: {
                searchName: 'TWEEWERKERS',
                debtorNumber: '5101',
                company: { legalForm: 'BV', statutoryName: 'Twee Werkers B.V.', rsin: '792376092' },
                address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
                packages: ['nextens', 'twinfield'],
              },
            }),
            ev('ClientStatusChanged', { clientId, from: 'Klantaanvraag', to: 'Klant' }),
          ],
        },
      ]);
      const last = events[events.length - 1].position;

      await Promise.all(dispatchers.map((dispatcher) => dispatcher.waitFor(last)));

      const members = [...first, ...second].flatMap((job) => job.members.map((member) => `${job.package}/${member.clientId}`));
      expect(members.sort()).toEqual([`nextens/${clientId}`, `twinfield/${clientId}`]);
      const stored = await test.database.pool.query('select global_position from es_checkpoints where subscription_id = $1', [SYNC_DISPATCHER]);
      expect(Number(stored.rows[0].global_position)).toBe(last);
    } finally {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    }
  });
});
