import { randomUUID } from 'node:crypto';
import { ReadModelRelationsReader } from '@koppelhub/application';
import type { PackageName } from '@koppelhub/domain';
import { redisConnection, startSyncRuntime, type SyncRuntime } from '@koppelhub/sync';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { type ClientRef, holdingCluster } from './fixtures/holding-cluster';
import { engagementsOf, wwftRegistrationOf } from './support/acceptance-fixture';
import { buildReferenceScenario, type ScenarioIds } from './support/reference-scenario';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const redisUrl = process.env.REDIS_URL;
const describeWithServices = redisUrl ? describeOnPostgres : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: the end-to-end sync suite is skipped');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithServices('Klant-gated sync of the reference scenario to the five packages (PostgreSQL, Redis, sandboxes)', () => {
  let hub: TestHub;
  let sync: SyncRuntime;
  let ids: ScenarioIds;
  let relatiebeheer: HttpAgent;
  let approver: HttpAgent;
  let centraleAdministratie: HttpAgent;
  const refOf = (clientNumber: string) => holdingCluster.clients.find((c) => c.clientNumber === clientNumber)!.ref;

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    sync = await startSyncRuntime({
      database: hub.runtime.database,
      store: hub.runtime.store,
      relations: new ReadModelRelationsReader(hub.runtime.database, hub.runtime.store),
      timeoutMs: 2_000,
      queue: { connection: redisConnection(redisUrl!), prefix: `e2e-${randomUUID().slice(0, 8)}`, backoffMs: 100 },
    });
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    approver = await hub.as('a.bakker', 'klantgoedkeurder');
    centraleAdministratie = await hub.as('c.smit', 'centrale-administratie');
    // Given the whole reference scenario, with Wwft data and engagements, up to Ter goedkeuring
    ids = await buildReferenceScenario(hub);
    for (const client of holdingCluster.clients) {
      const id = ids.clients[client.ref];
      await relatiebeheer.put(`/api/clients/${id}/wwft`).send(wwftRegistrationOf(client, ids.clients)).expect(200);
      for (const description of engagementsOf(client.ref)) {
        await relatiebeheer.post(`/api/clients/${id}/engagements`).send({ description, startDate: '2026-01-01' }).expect(201);
      }
      if (client.startStatus === 'Prospect') {
        await relatiebeheer.post(`/api/clients/${id}/status`).send({ to: 'Klantaanvraag' }).expect(200);
      }
      await relatiebeheer.post(`/api/clients/${id}/status`).send({ to: 'Ter goedkeuring', approverId: approver.principal }).expect(200);
      await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
    }
  }, 120_000);
  afterAll(async () => {
    await sync?.close();
    await hub?.stop();
  });

  const sandboxClients = (): Record<PackageName, ClientRef[]> => {
    const s = sync.sandboxes!;
    return {
      pinkweb: s.pinkweb.records().clients.map((c) => refOf(c.clientNumber)).sort(),
      casewarecloud: [],
      nextens: s.nextens.records().map((r) => refOf(r.clientNumber)).sort(),
      qicsmilestones: s.qicsmilestones.records().map((r) => refOf(r.CustomerCode)).sort(),
      twinfield: s.twinfield.records().map((r) => refOf(r.code)).sort(),
    };
  };

  it('pushes nothing while the clients are Prospect, Klantaanvraag or Ter goedkeuring', async () => {
    await sync.dispatcher.waitFor(await hub.runtime.store.headPosition(), 30_000);
    await pause(300);
    const s = sync.sandboxes!;
    const received = [s.pinkweb, s.casewarecloud, s.nextens, s.qicsmilestones, s.twinfield]
      .flatMap((sandbox) => sandbox.requests())
      .filter((r) => r.method !== 'GET' && !r.path.includes('token'));
    expect(received).toHaveLength(holdingCluster.expected.pushedBeforeAnyKlant);
  });

  it('after acceptance, each package holds exactly the expected clients, with invoice-to and portal users', async () => {
    for (const client of holdingCluster.clients) {
      await centraleAdministratie.post(`/api/clients/${ids.clients[client.ref]}/status`).send({ to: 'Klant' }).expect(200);
    }
    const expected = holdingCluster.expected.pushedClients;
    const sorted: Record<PackageName, ClientRef[]> = {
      pinkweb: [...expected.pinkweb].sort(),
      casewarecloud: [],
      nextens: [...expected.nextens].sort(),
      qicsmilestones: [...expected.qicsmilestones].sort(),
      twinfield: [...expected.twinfield].sort(),
    };
    for (let waited = 0; JSON.stringify(sandboxClients()) !== JSON.stringify(sorted) && waited < 30_000; waited += 100) await pause(100);
    expect(sandboxClients()).toEqual(sorted);

    // QicsMilestones links the invoice-to clients by its own ids
    const qics = () => sync.sandboxes!.qicsmilestones.records();
    const codeById = new Map(qics().map((r) => [r.CustomerCompanyId, r.CustomerCode]));
    for (let waited = 0; qics().filter((r) => r.InvoiceToCustomerCompanyId).length < 3 && waited < 20_000; waited += 100) await pause(100);
    const invoiceTo = Object.fromEntries(
      qics()
        .filter((r) => r.InvoiceToCustomerCompanyId)
        .map((r) => [refOf(r.CustomerCode), refOf(codeById.get(r.InvoiceToCustomerCompanyId!)!)]),
    );
    expect(invoiceTo).toEqual(holdingCluster.expected.qicsInvoiceTo);

    // PinkWeb holds the portal users, each seeing the clients of expected.portalAccessByMain
    const refOfId = new Map(Object.entries(ids.clients).map(([ref, id]) => [id, ref]));
    const refOfContact = new Map(Object.entries(ids.contacts).map(([ref, id]) => [id, ref]));
    const users = Object.fromEntries(
      sync.sandboxes!.pinkweb.records().portalUsers.map((u) => {
        const [kind, id] = u.mainKey.split(':');
        const ref = kind === 'client' ? refOfId.get(id) : refOfContact.get(id);
        return [`${kind}:${ref}`, u.clientNumbers.map(refOf).sort()];
      }),
    );
    const expectedUsers = Object.fromEntries(
      Object.entries(holdingCluster.expected.portalAccessByMain)
        .filter(([, refs]) => refs.length > 0)
        .map(([key, refs]) => [key, [...refs].sort()]),
    );
    expect(users).toEqual(expectedUsers);

    // And every delivery is recorded with the package's own id
    const status = await hub.http.get(`/api/clients/${ids.clients.H}/sync`).expect(200);
    expect(status.body.map((s: { package: string; status: string }) => [s.package, s.status]).sort()).toEqual([
      ['nextens', 'pushed'],
      ['pinkweb', 'pushed'],
      ['qicsmilestones', 'pushed'],
      ['twinfield', 'pushed'],
    ]);
  }, 90_000);
});
