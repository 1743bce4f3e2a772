import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncRuntime } from '@koppelhub/sync';
import { deepEqual } from '@koppelhub/domain';
import { SyncGateway } from '../apps/api/src/sync/sync-gateway';
import { eventually } from '../libs/eventstore/src/testing/eventually';
import { metricValue } from '../libs/sync/src/testing/metric-value';
import { holdingCluster } from './fixtures/holding-cluster';
import { type ApprovedScenario, approveReferenceScenario, expectedHoldings, packageHoldings } from './support/approved-scenario';
import { expectedPortalUsers, pinkwebPortalUsers, qicsInvoiceTo, writesReceived } from './support/sandbox-observations';
import { startTestHub, type TestHub } from './support/test-hub';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Klant-gated sync of the reference scenario in embedded mode (PGlite, BullMQ on PostgreSQL, in-process sandboxes)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koppelhub-sync-embedded-'));
  const servers = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
  let hub: TestHub;
  let sync: SyncRuntime;
  let scenario: ApprovedScenario;

  beforeAll(async () => {
    // Given no servers at all (no DATABASE_URL, no REDIS_URL) and the database in a folder of its own
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
    hub = await startTestHub('pglite', { DATA_DIR: dataDir });
    sync = hub.app.get(SyncGateway).runtime!;
    // And the whole reference scenario, with Wwft data and engagements, approved but not yet Klant
    scenario = await approveReferenceScenario(hub);
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    for (const [name, value] of Object.entries(servers)) if (value !== undefined) process.env[name] = value;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the dispatcher, the workers and the sandboxes inside the API, with the queues on the embedded database', () => {
    expect(hub.runtime.database.mode).toBe('embedded');
    expect(sync.queues.backend.kind).toBe('postgres');
    expect(Object.keys(sync.sandboxes!.urls).sort()).toEqual(['casewarecloud', 'nextens', 'pinkweb', 'qicsmilestones', 'twinfield']);
  });

  it('pushes nothing while the clients are Prospect, Klantaanvraag or Ter goedkeuring', async () => {
    await sync.dispatcher.waitFor(await hub.runtime.store.headPosition(), 30_000);
    await pause(300);
    expect(writesReceived(sync.sandboxes!)).toBe(holdingCluster.expected.pushedBeforeAnyKlant);
  });

  it('after acceptance, each package holds exactly the expected clients, with invoice-to and portal users', async () => {
    await scenario.makeKlant();
    const sandboxes = sync.sandboxes!;
    const expected = expectedHoldings();
    await eventually(() => packageHoldings(sandboxes), (held) => JSON.stringify(held) === JSON.stringify(expected), 60_000);
    expect(packageHoldings(sandboxes)).toEqual(expected);

    // QicsMilestones links the invoice-to clients by its own ids
    const invoiceTo = await eventually(
      () => qicsInvoiceTo(sandboxes),
      (links) => Object.keys(links).length >= Object.keys(holdingCluster.expected.qicsInvoiceTo).length,
    );
    expect(invoiceTo).toEqual(holdingCluster.expected.qicsInvoiceTo);

    // PinkWeb holds the portal users, each seeing the clients of expected.portalAccessByMain
    const users = expectedPortalUsers();
    await eventually(() => pinkwebPortalUsers(sandboxes, scenario.ids), (held) => deepEqual(held, users));
    expect(pinkwebPortalUsers(sandboxes, scenario.ids)).toEqual(users);

    // And every delivery is recorded with the package's own id
    const status = await eventually(
      async () => (await hub.http.get(`/api/clients/${scenario.ids.clients.H}/sync`).expect(200)).body as Array<{ package: string; status: string }>,
      (rows) => rows.length === 4 && rows.every((row) => row.status === 'pushed'),
    );
    expect(status.map((s) => [s.package, s.status]).sort()).toEqual([
      ['nextens', 'pushed'],
      ['pinkweb', 'pushed'],
      ['qicsmilestones', 'pushed'],
      ['twinfield', 'pushed'],
    ]);

    // And the API's /metrics counts the pushes its in-process workers made
    const metrics = (await hub.http.get('/metrics').expect(200)).text;
    expect(metricValue(metrics, 'koppelhub_sync_pushes_total{package="twinfield",outcome="pushed"}')).toBeGreaterThanOrEqual(expected.twinfield.length);
  }, 120_000);

  it('shows what each sandbox holds and was asked through the API, to admins only', async () => {
    const sandboxes = sync.sandboxes!;

    const pinkweb = await hub.http.get('/sandbox/pinkweb/records').expect(200);
    const asked = await hub.http.get('/sandbox/twinfield/requests').expect(200);

    expect(pinkweb.body).toEqual(JSON.parse(JSON.stringify(sandboxes.pinkweb.records())));
    expect(pinkweb.body.clients.length).toBeGreaterThan(0);
    expect(asked.body.length).toBe(sandboxes.twinfield.requests().length);
    // Nextens keys the DGAs on their BSN: masked, as in every answer of the hub
    const nextens = (await hub.http.get('/sandbox/nextens/records').expect(200)).body as Array<{ kind: string; key: string }>;
    const persons = sandboxes.nextens.records().filter((r) => r.kind === 'person');
    expect(persons.length).toBeGreaterThan(0);
    expect(nextens.filter((r) => r.kind === 'person').map((r) => r.key)).toEqual(persons.map((r) => `*****${r.key.slice(-4)}`));
    for (const person of persons) expect(JSON.stringify(nextens)).not.toContain(person.key);
    const unknown = await hub.http.get('/sandbox/exact/records').expect(400);
    expect(unknown.body.violations[0].field).toBe('package');
    await (await hub.agentFor('connector')).get('/sandbox/nextens/records').expect(403);
    await hub.anonymous.get('/sandbox/nextens/records').expect(401);
  });

  it('puts a push the package refuses in the failed list, and an operator re-drives it over the API', async () => {
    const sandboxes = sync.sandboxes!;
    const relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    const operator = await hub.agentFor('connector');
    const id = scenario.ids.clients.W1;
    const number = holdingCluster.clients.find((c) => c.ref === 'W1')!.clientNumber;
    const inPinkweb = () => sandboxes.pinkweb.records().clients.filter((c) => c.clientNumber === number);

    // Given PinkWeb refuses the next push
    sandboxes.pinkweb.faults.add({ kind: 'permanent', message: 'address is not accepted', count: 1 });
    // When W1's address changes
    const address = { street: 'Lange Viestraat', houseNumber: '2', postcode: '3511 BK', city: 'Utrecht', country: 'NL' };
    await relatiebeheer.patch(`/api/clients/${id}`).send({ address }).expect(200);
    // Then the push lands in the failed list, with the package's message
    const failed = await eventually(
      async () => (await operator.get('/api/sync/failed').expect(200)).body.items as Array<{ clientId: string; package: string; message?: string }>,
      (list) => list.some((d) => d.clientId === id && d.package === 'pinkweb'),
    );
    expect(failed.find((d) => d.clientId === id)).toMatchObject({ package: 'pinkweb', message: expect.stringContaining('address is not accepted') });
    expect(JSON.stringify(inPinkweb())).not.toContain('Lange Viestraat');

    // When an operator re-drives it, then PinkWeb holds the new address, once
    await operator.post(`/api/sync/failed/${id}/pinkweb/retry`).expect(202);
    await eventually(() => sync.deliveries.get(id, 'pinkweb'), (d) => d?.status === 'pushed');
    expect(inPinkweb()).toHaveLength(1);
    expect(JSON.stringify(inPinkweb()[0])).toContain('Lange Viestraat');
  }, 60_000);

  it('re-drives every failed push of one client at once, and says so when it has none left', async () => {
    const sandboxes = sync.sandboxes!;
    const relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    const operator = await hub.agentFor('connector');
    const id = scenario.ids.clients.W1;
    const failedOf = async () =>
      ((await operator.get('/api/sync/failed').expect(200)).body.items as Array<{ clientId: string; package: string }>)
        .filter((d) => d.clientId === id)
        .map((d) => d.package)
        .sort();

    // Given no failed push of W1, a re-drive of it is refused as not found
    expect(await failedOf()).toEqual([]);
    const none = await operator.post(`/api/sync/failed/${id}/retry`).expect(404);
    expect(none.body).toMatchObject({ code: 'sync.no-failed-push', clientId: id });
    // and so is one of a package it has no failed push to; a package there is no such thing as is a malformed request
    const refused = await operator.post(`/api/sync/failed/${id}/pinkweb/retry`).expect(404);
    expect(refused.body).toMatchObject({ code: 'sync.no-failed-push', clientId: id, package: 'pinkweb' });
    const malformed = await operator.post(`/api/sync/failed/${id}/nosuchpackage/retry`).expect(400);
    expect(malformed.body.violations).toEqual([{ field: 'package', message: expect.stringContaining('pinkweb') }]);

    // Given Nextens and Twinfield refuse the next push
    sandboxes.nextens.faults.add({ kind: 'permanent', message: 'relation refused', count: 1 });
    sandboxes.twinfield.faults.add({ kind: 'permanent', message: 'dimension refused', count: 1 });
    // When W1's address changes, both pushes land in the failed list
    const address = { street: 'Oudegracht', houseNumber: '9', postcode: '3511 AB', city: 'Utrecht', country: 'NL' };
    await relatiebeheer.patch(`/api/clients/${id}`).send({ address }).expect(200);
    await eventually(failedOf, (packages) => packages.length === 2);
    expect(await failedOf()).toEqual(['nextens', 'twinfield']);

    // When an operator re-drives the client, then both are reopened and land, and nothing is left to re-drive
    const redriven = await operator.post(`/api/sync/failed/${id}/retry`).expect(202);
    expect(redriven.body).toEqual({ clientId: id, packages: ['nextens', 'twinfield'], status: 'pending' });
    for (const pkg of ['nextens', 'twinfield'] as const) await eventually(() => sync.deliveries.get(id, pkg), (d) => d?.status === 'pushed');
    expect(await failedOf()).toEqual([]);
    await operator.post(`/api/sync/failed/${id}/retry`).expect(404);
  }, 60_000);
});
