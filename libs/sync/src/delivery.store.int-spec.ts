import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, inTransaction } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase } from '../../eventstore/src/testing/test-database';
import { deliveryKey, DeliveryStore } from './delivery.store';
import { syncMigrations } from './sync.migrations';

describe('the delivery record, several deliveries at once (PGlite)', () => {
  let test: TestDatabase;
  let deliveries: DeliveryStore;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...syncMigrations]);
    deliveries = new DeliveryStore(test.database.pool);
  });
  afterAll(async () => {
    await test.dispose();
  });

  const want = (clientId: string, pkg: 'nextens' | 'twinfield', hash: string) =>
    inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, pkg, hash, 1));

  it('given deliveries of two clients, when read together, then each comes back under its own key and unknown ones are absent', async () => {
    const [a, b, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    await want(a, 'nextens', 'ha');
    await want(b, 'twinfield', 'hb');

    const read = await deliveries.getMany([
      { clientId: a, pkg: 'nextens' },
      { clientId: b, pkg: 'twinfield' },
      { clientId: unknown, pkg: 'nextens' },
    ]);

    expect(read.get(deliveryKey(a, 'nextens'))).toMatchObject({ desiredHash: 'ha', status: 'pending' });
    expect(read.get(deliveryKey(b, 'twinfield'))).toMatchObject({ desiredHash: 'hb', status: 'pending' });
    expect(read.has(deliveryKey(unknown, 'nextens'))).toBe(false);
  });

  it('given two answers for one delivery in one write, when recorded, then the last one counts', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await want(a, 'nextens', 'new');
    await want(b, 'nextens', 'hb');

    await deliveries.markPushedMany([
      { clientId: a, pkg: 'nextens', hash: 'new', externalId: 'first' },
      { clientId: b, pkg: 'nextens', hash: 'hb', externalId: 'rb' },
      { clientId: a, pkg: 'nextens', hash: 'old', externalId: 'second' },
    ]);

    expect(await deliveries.get(a, 'nextens')).toMatchObject({ pushedHash: 'old', externalId: 'second', status: 'pending' });
    expect(await deliveries.get(b, 'nextens')).toMatchObject({ pushedHash: 'hb', externalId: 'rb', status: 'pushed' });
  });
});
