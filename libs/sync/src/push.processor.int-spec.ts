import { randomUUID } from 'node:crypto';
import { clientStream, decideRegisterClient, initialClientState, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { type PackageConnector, PermanentPushError } from '@koppelhub/connectors';
import { eventStoreMigrations, inTransaction, PostgresEventStore } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase } from '../../eventstore/src/testing/test-database';
import { NO_RELATIONS } from './client-push.builder';
import { DeliveryStore } from './delivery.store';
import { PushProcessor } from './push.processor';
import { syncMigrations } from './sync.migrations';

/** No push may reach a package in these tests: a connector that is called fails the test. */
const untouchable: PackageConnector = {
  push: async () => {
    throw new Error('no push was expected');
  },
} as unknown as PackageConnector;

describe('a push job whose client is no longer to be pushed (PGlite)', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let deliveries: DeliveryStore;
  let processor: PushProcessor;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...syncMigrations]);
    store = await PostgresEventStore.open(test.database);
    deliveries = new DeliveryStore(test.database.pool);
    const connectors = Object.fromEntries(PACKAGE_NAMES.map((pkg) => [pkg, untouchable])) as Record<PackageName, PackageConnector>;
    processor = new PushProcessor(store, { read: async () => NO_RELATIONS }, deliveries, connectors);
  });
  afterAll(async () => {
    await store.close();
    await test.dispose();
  });

  /** A Prospect: never Klant, so no package may hold it. */
  const registerProspect = async () => {
    const clientId = randomUUID();
    const [registered] = decideRegisterClient(
      {
        type: 'RegisterClient',
        data: {
          clientId,
          kind: 'company',
          clientNumber: `S${Date.now()}`,
          startStatus: 'Prospect',
          details: {
            searchName: 'SKIP',
            debtorNumber: 'D1',
            company: { legalForm: 'BV', statutoryName: 'Skip B.V.' },
            address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
            packages: ['twinfield'],
          },
        },
      },
      initialClientState,
    );
    const result = await store.append([
      { stream: clientStream(clientId), expectedVersion: 'no_stream', events: [{ id: randomUUID(), type: registered.type, data: registered.data, metadata: { actor: 'test', commandId: randomUUID(), correlationId: randomUUID() } }] },
    ]);
    return { clientId, position: result.events[0].position };
  };
  const want = (clientId: string, position: number) =>
    inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, 'twinfield', `h${position}`, position));

  it('given a pending delivery, when its job finds nothing to push, then the delivery is settled as skipped with the reason', async () => {
    const { clientId, position } = await registerProspect();
    await want(clientId, position);

    const outcome = await processor.process(clientId, 'twinfield');

    expect(outcome).toBe('skipped');
    expect(await deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'skipped', message: 'not Klant yet' });
    expect(await deliveries.stalePending(0)).not.toContainEqual(expect.objectContaining({ clientId }));
  });

  it('given a job asked for by an older event than the delivery was last wanted for, when it skips, then the delivery stays pending', async () => {
    const { clientId, position } = await registerProspect();
    await want(clientId, position + 5);

    await processor.process(clientId, 'twinfield', position);
    expect(await deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'pending' });

    // While the job asked for by that later event settles it
    await processor.process(clientId, 'twinfield', position + 5);
    expect(await deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'skipped' });
  });

  it('given a delivery wanted for an event the job did not read, when the job skips, then the delivery stays pending', async () => {
    const { clientId, position } = await registerProspect();
    await want(clientId, position + 1_000);

    await processor.process(clientId, 'twinfield');

    expect(await deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'pending' });
  });
});

describe('a push a package refuses while echoing a person\'s data (PGlite)', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let deliveries: DeliveryStore;
  let processor: PushProcessor;
  const bsn = '111222333';
  const privateEmail = 'jan@devries-prive.nl';

  /** Refuses every push, quoting back the person's BSN, e-mail and home address as some packages do. */
  const echoing: PackageConnector = {
    push: async (push: { person?: { bsn?: string }; email?: string; address: { street: string; houseNumber: string; postcode: string } }) => {
      const { street, houseNumber, postcode } = push.address;
      throw new PermanentPushError(`relation ${push.person?.bsn} (${push.email}, ${street} ${houseNumber}, ${postcode}) already exists`, 422);
    },
  } as unknown as PackageConnector;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...syncMigrations]);
    store = await PostgresEventStore.open(test.database);
    deliveries = new DeliveryStore(test.database.pool);
    const connectors = Object.fromEntries(PACKAGE_NAMES.map((pkg) => [pkg, echoing])) as Record<PackageName, PackageConnector>;
    processor = new PushProcessor(store, { read: async () => NO_RELATIONS }, deliveries, connectors);
  });
  afterAll(async () => {
    await store.close();
    await test.dispose();
  });

  it('given a person client that is Klant, when Nextens refuses it quoting its data, then neither the failed list nor the error holds that data', async () => {
    // Given a person client that became Klant
    const clientId = randomUUID();
    const [registered] = decideRegisterClient(
      {
        type: 'RegisterClient',
        data: {
          clientId,
          kind: 'person',
          clientNumber: `P${Date.now()}`,
          startStatus: 'Prospect',
          details: {
            searchName: 'DEVRIES',
            person: { initials: 'J.', surname: 'Vries', dateOfBirth: '1968-04-12', bsn },
            address: { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' },
            email: privateEmail,
            packages: ['nextens'],
          },
        },
      },
      initialClientState,
    );
    const metadata = { actor: 'test', commandId: randomUUID(), correlationId: randomUUID() };
    const result = await store.append([
      {
        stream: clientStream(clientId),
        expectedVersion: 'no_stream',
        events: [
          { id: randomUUID(), type: registered.type, data: registered.data, metadata },
          { id: randomUUID(), type: 'ClientStatusChanged', data: { clientId, from: 'Ter goedkeuring', to: 'Klant' }, metadata },
        ],
      },
    ]);
    const position = result.events[1].position;
    await inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, 'nextens', 'h', position));

    // When its push is refused with its data in the message
    const refused = await processor.process(clientId, 'nextens', position).catch((error: Error) => error);

    // Then the refusal is recorded and thrown without it
    const delivery = await deliveries.get(clientId, 'nextens');
    expect(delivery).toMatchObject({ status: 'failed', refused: true });
    for (const text of [delivery!.message!, (refused as Error).message]) {
      expect(text).toContain('already exists');
      for (const personal of [bsn, privateEmail, 'Lindelaan 12', '3581 AB']) expect(text).not.toContain(personal);
    }
  });
});
