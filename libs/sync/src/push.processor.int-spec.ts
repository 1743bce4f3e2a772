import { randomUUID } from 'node:crypto';
import { clientStream, decideRegisterClient, initialClientState, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import {
  type PackageConnector,
  PermanentPushError,
  startTwinfieldSandbox,
  TransientPushError,
  TWINFIELD_SANDBOX_TOKEN,
  TwinfieldConnector,
  type TwinfieldSandbox,
} from '@koppelhub/connectors';
import { type Database, eventStoreMigrations, inTransaction, openServerDatabase, PostgresEventStore } from '@koppelhub/eventstore';
import { eventually } from '../../eventstore/src/testing/eventually';
import { describeOnPostgres, openTestDatabase, postgresUrl, type TestDatabase } from '../../eventstore/src/testing/test-database';
import { NO_RELATIONS } from './client-push.builder';
import { AdvisoryDeliveryLocks } from './delivery-locks';
import { DeliveryStore } from './delivery.store';
import { PushProcessor } from './push.processor';
import { syncMigrations } from './sync.migrations';

/** No push may reach a package in these tests: a connector that is called fails the test. */
const untouchable: PackageConnector = {
  push: async () => {
    throw new Error('no push was expected');
  },
} as unknown as PackageConnector;

interface ProcessorParts {
  test: TestDatabase;
  store: PostgresEventStore;
  deliveries: DeliveryStore;
  processor: PushProcessor;
}

/**
 * A push processor on a fresh PGlite for the surrounding suite, every package answered by
 * `connector`; its parts are there from the suite's first test on.
 */
function processorOn(connector: PackageConnector): ProcessorParts {
  const parts = {} as ProcessorParts;
  beforeAll(async () => {
    parts.test = await openTestDatabase('pglite', [...eventStoreMigrations, ...syncMigrations]);
    parts.store = await PostgresEventStore.open(parts.test.database);
    parts.deliveries = new DeliveryStore(parts.test.database.pool);
    const connectors = Object.fromEntries(PACKAGE_NAMES.map((pkg) => [pkg, connector])) as Record<PackageName, PackageConnector>;
    parts.processor = new PushProcessor(parts.store, { read: async () => NO_RELATIONS }, parts.deliveries, connectors);
  });
  afterAll(async () => {
    await parts.store.close();
    await parts.test.dispose();
  });
  return parts;
}

type Registration = Parameters<typeof decideRegisterClient>[0]['data'];

/**
 * Starts a client's stream with the registration the domain decides, then `then` (its id in
 * hand); returns the id, the registered details and the positions its events got.
 */
async function appendClient(
  store: PostgresEventStore,
  client: Pick<Registration, 'kind' | 'clientNumber' | 'details'>,
  then: (clientId: string) => Array<{ type: string; data: Record<string, unknown> }> = () => [],
) {
  const clientId = randomUUID();
  const [registered] = decideRegisterClient({ type: 'RegisterClient', data: { ...client, clientId, startStatus: 'Prospect' } }, initialClientState, {
    now: new Date(),
  });
  const metadata = { actor: 'test', commandId: randomUUID(), correlationId: randomUUID() };
  const result = await store.append([
    {
      stream: clientStream(clientId),
      expectedVersion: 'no_stream',
      events: [registered, ...then(clientId)].map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata })),
    },
  ]);
  return { clientId, details: registered.data.details, positions: result.events.map((event) => event.position) };
}

/** A company registration with what Nextens and Twinfield need (a fiscal number, a debtor number). */
const klantCompany = (searchName: string, debtorNumber: string, packages: PackageName[]) => ({
  kind: 'company' as const,
  clientNumber: `${searchName}${Date.now()}`,
  details: {
    searchName,
    debtorNumber,
    company: { legalForm: 'BV', statutoryName: `${searchName} B.V.`, rsin: '792376092' },
    address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
    packages,
  },
});

const becameKlant = (clientId: string) => [{ type: 'ClientStatusChanged', data: { clientId, from: 'Ter goedkeuring', to: 'Klant' } }];

describe('a push job whose client is no longer to be pushed (PGlite)', () => {
  const hub = processorOn(untouchable);

  /** A Prospect: never Klant, so no package may hold it. */
  const registerProspect = async () => {
    const { clientId, positions } = await appendClient(hub.store, {
      kind: 'company',
      clientNumber: `S${Date.now()}`,
      details: {
        searchName: 'SKIP',
        debtorNumber: 'D1',
        company: { legalForm: 'BV', statutoryName: 'Skip B.V.' },
        address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
        packages: ['twinfield'],
      },
    });
    return { clientId, position: positions[0]! };
  };
  const want = (clientId: string, position: number) =>
    inTransaction(hub.test.database.pool, (tx) => hub.deliveries.want(tx, clientId, 'twinfield', `h${position}`, position));

  it('given a pending delivery, when its job finds nothing to push, then the delivery is settled as skipped with the reason', async () => {
    const { clientId, position } = await registerProspect();
    await want(clientId, position);

    const outcome = await hub.processor.process(clientId, 'twinfield');

    expect(outcome).toBe('skipped');
    expect(await hub.deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'skipped', message: 'not Klant yet' });
    expect(await hub.deliveries.stalePending(0)).not.toContainEqual(expect.objectContaining({ clientId }));
  });

  it('given a job asked for by an older event than the delivery was last wanted for, when it skips, then the delivery stays pending', async () => {
    const { clientId, position } = await registerProspect();
    await want(clientId, position + 5);

    await hub.processor.process(clientId, 'twinfield', position);
    expect(await hub.deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'pending' });

    // While the job asked for by that later event settles it
    await hub.processor.process(clientId, 'twinfield', position + 5);
    expect(await hub.deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'skipped' });
  });

  it('given a delivery wanted for an event the job did not read, when the job skips, then the delivery stays pending', async () => {
    const { clientId, position } = await registerProspect();
    await want(clientId, position + 1_000);

    await hub.processor.process(clientId, 'twinfield');

    expect(await hub.deliveries.get(clientId, 'twinfield')).toMatchObject({ status: 'pending' });
  });
});

describe('a push a package refuses while echoing a person\'s data (PGlite)', () => {
  const bsn = '111222333';
  const privateEmail = 'jan@devries-prive.nl';

  /** Refuses every push, quoting back the person's BSN, e-mail and home address as some packages do. */
  const echoing: PackageConnector = {
    push: async (push: { person?: { bsn?: string }; email?: string; address: { street: string; houseNumber: string; postcode: string } }) => {
      const { street, houseNumber, postcode } = push.address;
      throw new PermanentPushError(`relation ${push.person?.bsn} (${push.email}, ${street} ${houseNumber}, ${postcode}) already exists`, 422);
    },
  } as unknown as PackageConnector;

  const hub = processorOn(echoing);

  it('given a person client that is Klant, when Nextens refuses it quoting its data, then neither the failed list nor the error holds that data', async () => {
    // Given a person client that became Klant
    const { clientId, positions } = await appendClient(
      hub.store,
      {
        kind: 'person',
        clientNumber: `P${Date.now()}`,
        details: {
          searchName: 'DEVRIES',
          person: { initials: 'J.', surname: 'Vries', dateOfBirth: '1968-04-12', bsn },
          address: { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' },
          email: privateEmail,
          packages: ['nextens'],
        },
      },
      becameKlant,
    );
    const position = positions[1]!;
    await inTransaction(hub.test.database.pool, (tx) => hub.deliveries.want(tx, clientId, 'nextens', 'h', position));

    // When its push is refused with its data in the message
    const refused = await hub.processor.process(clientId, 'nextens', position).catch((error: Error) => error);

    // Then the refusal is recorded and thrown without it
    const delivery = await hub.deliveries.get(clientId, 'nextens');
    expect(delivery).toMatchObject({ status: 'failed', refused: true });
    for (const text of [delivery!.message!, (refused as Error).message]) {
      expect(text).toContain('already exists');
      for (const personal of [bsn, privateEmail, 'Lindelaan 12', '3581 AB']) expect(text).not.toContain(personal);
    }
  });
});

describe('a debtor number that moves on while a push under the one before lost its answer (PGlite, Twinfield sandbox)', () => {
  let sandbox: TwinfieldSandbox;
  let connector: TwinfieldConnector;
  // The processor is made before the sandbox is up: it reaches the connector through this.
  const twinfield = {
    packageName: 'twinfield',
    push: (client, context) => connector.push(client, context),
    keyOf: (client) => connector.keyOf(client),
  } satisfies PackageConnector;
  const hub = processorOn(twinfield);
  beforeAll(async () => {
    sandbox = await startTwinfieldSandbox();
    connector = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', accessToken: TWINFIELD_SANDBOX_TOKEN, timeoutMs: 1000 });
  });
  afterAll(() => sandbox.close());

  /**
   * A Klant company pushed to Twinfield under `first`, then renumbered to `lost`, whose push timed
   * out while Twinfield went on and wrote it; answers how to renumber it again (its job's position).
   */
  async function pushedThenLost(first: string, lost: string) {
    const { clientId, details, positions } = await appendClient(hub.store, klantCompany('LOST', first, ['twinfield']), becameKlant);
    let version = 2;
    const renumber = async (debtorNumber: string) => {
      const metadata = { actor: 'test', commandId: randomUUID(), correlationId: randomUUID() };
      const data = { clientId, details: { ...details, debtorNumber }, changedFields: ['debtorNumber'] };
      const { events } = await hub.store.append([
        { stream: clientStream(clientId), expectedVersion: version++, events: [{ id: randomUUID(), type: 'ClientDetailsChanged', data, metadata }] },
      ]);
      const position = events[0]!.position;
      const wanted = await inTransaction(hub.test.database.pool, (tx) => hub.deliveries.want(tx, clientId, 'twinfield', `h${position}`, position));
      return { position, wanted };
    };
    await inTransaction(hub.test.database.pool, (tx) => hub.deliveries.want(tx, clientId, 'twinfield', 'h', positions[1]!));
    expect(await hub.processor.process(clientId, 'twinfield', positions[1])).toBe('created');

    const { position } = await renumber(lost);
    sandbox.faults.add({ kind: 'delay', ms: 1500 });
    await expect(hub.processor.process(clientId, 'twinfield', position)).rejects.toBeInstanceOf(TransientPushError);
    expect(await hub.deliveries.get(clientId, 'twinfield')).toMatchObject({ externalKey: first, unconfirmedKeys: [lost] });
    await eventually(() => sandbox.records(), (records) => records.some((record) => record.code === lost), 5000);
    return { clientId, renumber };
  }
  const customersUnder = (...codes: string[]) =>
    sandbox.records().filter((record) => codes.includes(record.code)).map((record) => [record.code, record.status]);

  it('given a push under a new number that timed out after Twinfield wrote it, when the number changes again, then only the newest customer is active', async () => {
    // Given a Klant company in Twinfield under 30010, renumbered 30050, whose push timed out after Twinfield wrote it
    const { clientId, renumber } = await pushedThenLost('30010', '30050');

    // When the number becomes 30099 and its job runs
    const third = await renumber('30099');
    expect(await hub.processor.process(clientId, 'twinfield', third.position)).toBe('created');

    // Then 30099 alone is active; 30010 and 30050 are kept for their history, hidden
    expect(customersUnder('30010', '30050', '30099')).toEqual([
      ['30010', 'hide'],
      ['30050', 'hide'],
      ['30099', 'active'],
    ]);
    const delivery = await hub.deliveries.get(clientId, 'twinfield');
    expect(delivery?.externalKey).toBe('30099');
    expect(delivery?.unconfirmedKeys).toBeUndefined();
  });

  it('given a push under a new number that timed out after Twinfield wrote it, when the number goes back, then the customer under the lost one is hidden', async () => {
    // Given a Klant company in Twinfield under 31010, renumbered 31050, whose push timed out after Twinfield wrote it
    const { clientId, renumber } = await pushedThenLost('31010', '31050');

    // When the number goes back to 31010: the very payload Twinfield last answered for
    const back = await renumber('31010');

    // Then it is still wanted, and its job pushes it: 31010 active again, 31050 hidden
    expect(back.wanted).toBe(true);
    expect(await hub.processor.process(clientId, 'twinfield', back.position)).toBe('updated');
    expect(customersUnder('31010', '31050')).toEqual([
      ['31010', 'active'],
      ['31050', 'hide'],
    ]);
    expect((await hub.deliveries.get(clientId, 'twinfield'))?.unconfirmedKeys).toBeUndefined();
  });
});

describe('a client pushed to several packages (PGlite)', () => {
  const pushed: Array<{ city: string }> = [];
  const recording: PackageConnector = {
    push: async (push: { address: { city: string } }) => {
      pushed.push({ city: push.address.city });
      return { externalId: `x${pushed.length}`, action: 'created' };
    },
  } as unknown as PackageConnector;
  const hub = processorOn(recording);
  let reads = 0;
  let processor: PushProcessor;

  beforeAll(() => {
    // The same store, counting its stream reads.
    const counting = Object.create(hub.store) as PostgresEventStore;
    counting.readStreams = (streams) => {
      reads++;
      return hub.store.readStreams(streams);
    };
    const connectors = Object.fromEntries(PACKAGE_NAMES.map((pkg) => [pkg, recording])) as Record<PackageName, PackageConnector>;
    processor = new PushProcessor(counting, { read: async () => NO_RELATIONS }, hub.deliveries, connectors);
  });

  it('given its jobs for one event, then its history is read once; given a newer wish, then it is read again and the newer state pushed', async () => {
    // Given a Klant client in Nextens and Twinfield, both wanted as of its Klant event
    const { clientId, details, positions } = await appendClient(
      hub.store,
      klantCompany('MULTI', 'D7', ['nextens', 'twinfield']),
      becameKlant,
    );
    const position = positions[1]!;
    const want = (pkg: PackageName, at: number) => inTransaction(hub.test.database.pool, (tx) => hub.deliveries.want(tx, clientId, pkg, `h${at}`, at));
    await want('nextens', position);
    await want('twinfield', position);

    // When both jobs run
    reads = 0;
    await processor.process(clientId, 'nextens', position);
    await processor.process(clientId, 'twinfield', position);

    // Then the history was read once and both packages got the client
    expect(reads).toBe(1);
    expect(pushed.slice(-2)).toEqual([{ city: 'Utrecht' }, { city: 'Utrecht' }]);

    // Given the client moved, and the dispatcher has recorded that wish for Twinfield
    const metadata = { actor: 'test', commandId: randomUUID(), correlationId: randomUUID() };
    const moved = await hub.store.append([
      {
        stream: clientStream(clientId),
        expectedVersion: 2,
        events: [
          {
            id: randomUUID(),
            type: 'ClientDetailsChanged',
            data: { clientId, details: { ...details, address: { street: 'Dam', houseNumber: '1', postcode: '1012 JS', city: 'Amsterdam', country: 'NL' } }, changedFields: ['address'] },
            metadata,
          },
        ],
      },
    ]);
    await want('twinfield', moved.events[0].position);

    // When a job asked for by the older event runs (a re-drive, say)
    await processor.process(clientId, 'twinfield', position);

    // Then the history is read again and the package gets the newer address
    expect(reads).toBe(2);
    expect(pushed.at(-1)).toEqual({ city: 'Amsterdam' });
  });
});

describe('two jobs for one client and package at once (PGlite)', () => {
  const calls: Array<{ externalId?: string }> = [];
  let inFlight = 0;
  let most = 0;
  const slow: PackageConnector = {
    push: async (_push: unknown, known: { externalId?: string }) => {
      calls.push({ externalId: known.externalId });
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight--;
      return { externalId: `created-${calls.length}`, action: known.externalId ? 'updated' : 'created' };
    },
  } as unknown as PackageConnector;
  const hub = processorOn(slow);

  it('given a Klant client wanted in Twinfield, when two of its jobs run side by side, then the package is asked once and the later job finds it unchanged', async () => {
    const { clientId, positions } = await appendClient(
      hub.store,
      klantCompany('TWICE', 'D9', ['twinfield']),
      becameKlant,
    );
    const position = positions[1]!;
    await inTransaction(hub.test.database.pool, (tx) => hub.deliveries.want(tx, clientId, 'twinfield', 'h', position));

    const outcomes = await Promise.all([hub.processor.process(clientId, 'twinfield', position), hub.processor.process(clientId, 'twinfield', position)]);

    expect(outcomes).toEqual(['created', 'unchanged']);
    expect(calls).toEqual([{ externalId: undefined }]);
    expect(most).toBe(1);
    expect((await hub.deliveries.get(clientId, 'twinfield'))?.externalId).toBe('created-1');
  });
});

describeOnPostgres('two worker processes pushing one client to one package at once (PostgreSQL)', () => {
  const calls: Array<{ externalId?: string }> = [];
  const slow: PackageConnector = {
    push: async (_push: unknown, known: { externalId?: string }) => {
      calls.push({ externalId: known.externalId });
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { externalId: `created-${calls.length}`, action: known.externalId ? 'updated' : 'created' };
    },
  } as unknown as PackageConnector;
  const connectors = Object.fromEntries(PACKAGE_NAMES.map((pkg) => [pkg, slow])) as Record<PackageName, PackageConnector>;
  let test: TestDatabase;
  let secondProcessDatabase: Database;
  let store: PostgresEventStore;
  const locks: AdvisoryDeliveryLocks[] = [];
  const workers: PushProcessor[] = [];

  beforeAll(async () => {
    test = await openTestDatabase('postgres', [...eventStoreMigrations, ...syncMigrations]);
    secondProcessDatabase = await openServerDatabase({ url: postgresUrl!, schema: test.database.schema });
    store = await PostgresEventStore.open(test.database);
    // Each process: its own pool, delivery store and locks, as a second worker has.
    for (const database of [test.database, secondProcessDatabase]) {
      const acrossProcesses = new AdvisoryDeliveryLocks(() => database.connect('push-processor-locks'), { schema: database.schema });
      locks.push(acrossProcesses);
      workers.push(new PushProcessor(store, { read: async () => NO_RELATIONS }, new DeliveryStore(database.pool), connectors, { acrossProcesses }));
    }
  });
  afterAll(async () => {
    await Promise.all(locks.map((held) => held.close()));
    await store.close();
    await secondProcessDatabase.close();
    await test.dispose();
  });

  it('given a Klant client wanted in Twinfield, when a job for it runs in each process at once, then the package is asked once and the client created once', async () => {
    const { clientId, positions } = await appendClient(store, klantCompany('APART', 'D10', ['twinfield']), becameKlant);
    const position = positions[1]!;
    await inTransaction(test.database.pool, (tx) => new DeliveryStore(test.database.pool).want(tx, clientId, 'twinfield', 'h', position));

    const outcomes = await Promise.all(workers.map((worker) => worker.process(clientId, 'twinfield', position)));

    expect(outcomes.sort()).toEqual(['created', 'unchanged']);
    expect(calls).toEqual([{ externalId: undefined }]);
    expect((await new DeliveryStore(secondProcessDatabase.pool).get(clientId, 'twinfield'))?.externalId).toBe('created-1');
  });
});
