import { ReadModelRelationsReader } from '@koppelhub/application';
import { calendarDateOf, deepEqual } from '@koppelhub/domain';
import type { SyncRuntime } from '@koppelhub/sync';
import { Registry } from 'prom-client';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { eventually } from '../libs/eventstore/src/testing/eventually';
import { metricValue } from '../libs/sync/src/testing/metric-value';
import { holdingCluster } from './fixtures/holding-cluster';
import { type ApprovedScenario, approveReferenceScenario, expectedHoldings, packageHoldings } from './support/approved-scenario';
import { expectedPortalUsers, pinkwebPortalUsers, qicsInvoiceTo, writesReceived } from './support/sandbox-observations';
import { syncSettled } from './support/sync-settled';
import { ownQueuesOn, startTestSync } from './support/test-sync';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';
import { companyRegistration } from './support/company-registration';

const redisUrl = process.env.REDIS_URL;
const describeWithServices = redisUrl ? describeOnPostgres : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: the end-to-end sync suite is skipped');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithServices('Klant-gated sync of the reference scenario to the five packages (PostgreSQL, Redis, sandboxes)', () => {
  let hub: TestHub;
  let sync: SyncRuntime;
  let scenario: ApprovedScenario;
  let relatiebeheer: HttpAgent;
  const metrics = new Registry();
  /** Pushes each package was sent (pushed or found unchanged there), from the workers' metrics. */
  const pushCounts = async () => {
    const text = await metrics.metrics();
    const count = (pkg: string) =>
      ['pushed', 'unchanged'].reduce((sum, outcome) => sum + metricValue(text, `koppelhub_sync_pushes_total{package="${pkg}",outcome="${outcome}"}`), 0);
    return { twinfield: count('twinfield'), qicsmilestones: count('qicsmilestones'), nextens: count('nextens'), pinkweb: count('pinkweb') };
  };

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    sync = await startTestSync(hub, {
      timeoutMs: 2_000,
      queue: ownQueuesOn(redisUrl!),
      metrics,
    });
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    // Given the whole reference scenario, with Wwft data and engagements, approved but not yet Klant
    scenario = await approveReferenceScenario(hub);
  }, 120_000);
  afterAll(async () => {
    await sync?.close({ removeQueues: true });
    await hub?.stop();
  });

  it('pushes nothing while the clients are Prospect, Klantaanvraag or Ter goedkeuring', async () => {
    await sync.dispatcher.waitFor(await hub.runtime.store.headPosition(), 30_000);
    await pause(300);
    expect(writesReceived(sync.sandboxes!)).toBe(holdingCluster.expected.pushedBeforeAnyKlant);
  });

  it('after acceptance, each package holds exactly the expected clients, with invoice-to and portal users', async () => {
    await scenario.makeKlant();
    const expected = expectedHoldings();
    await eventually(() => packageHoldings(sync.sandboxes!), (held) => JSON.stringify(held) === JSON.stringify(expected));
    expect(packageHoldings(sync.sandboxes!)).toEqual(expected);

    // QicsMilestones links the invoice-to clients by its own ids
    const invoiceTo = await eventually(
      () => qicsInvoiceTo(sync.sandboxes!),
      (links) => Object.keys(links).length >= Object.keys(holdingCluster.expected.qicsInvoiceTo).length,
      20_000,
    );
    expect(invoiceTo).toEqual(holdingCluster.expected.qicsInvoiceTo);

    // PinkWeb holds the portal users, each seeing the clients of expected.portalAccessByMain
    const { ids } = scenario;
    const users = expectedPortalUsers();
    await eventually(() => pinkwebPortalUsers(sync.sandboxes!, ids), (held) => deepEqual(held, users));
    expect(pinkwebPortalUsers(sync.sandboxes!, ids)).toEqual(users);

    // And every delivery is recorded with the package's own id: once the package has answered, so
    // a push the sandbox already shows may still be on its way back
    const status = await eventually(
      async () =>
        (await hub.http.get(`/api/clients/${ids.clients.H}/sync`).expect(200)).body as Array<{
          package: string;
          status: string;
          externalKey?: string;
          unconfirmedKeys?: string[];
        }>,
      (rows) => rows.length === 4 && rows.every((row) => row.status === 'pushed'),
    );
    expect(status.map((s) => [s.package, s.status]).sort()).toEqual([
      ['nextens', 'pushed'],
      ['pinkweb', 'pushed'],
      ['qicsmilestones', 'pushed'],
      ['twinfield', 'pushed'],
    ]);
    // with the keys Twinfield and Nextens filed it under, none of them left unconfirmed
    const keys = Object.fromEntries(status.map((s) => [s.package, s.externalKey]));
    expect([keys['twinfield'], keys['nextens']]).toEqual(['20010', '792376092-1']);
    expect(status.filter((s) => s.unconfirmedKeys)).toEqual([]);
  }, 90_000);

  it('pushes a contact added, changed and removed after Klant to PinkWeb, each time', async () => {
    const s = sync.sandboxes!;
    const id = scenario.ids.clients.W2;
    const number = holdingCluster.clients.find((c) => c.ref === 'W2')!.clientNumber;
    const contactsAtW2 = () => s.pinkweb.records().clients.find((c) => c.clientNumber === number)?.contacts ?? [];
    const contactPushes = () => s.pinkweb.requests().filter((r) => r.method === 'PUT' && r.path === `/api/clients/${number}`).length;

    // Given W2 is Klant in PinkWeb and nothing is in flight
    await syncSettled(sync, hub.runtime.store);
    const pushesBefore = contactPushes();

    // When a contact is added to W2: its own stream, W2's stream unchanged
    const added = await relatiebeheer.post(`/api/clients/${id}/contacts`).send({ surname: 'Bakker', role: 'Controller', email: 'controller@w2.example' }).expect(201);
    const contactId = added.body.id as string;
    await syncSettled(sync, hub.runtime.store);
    // Then PinkWeb holds it
    expect(contactsAtW2().filter((c) => c.contactId === contactId)).toEqual([expect.objectContaining({ surname: 'Bakker', role: 'Controller' })]);

    // When it changes, then PinkWeb gets the change
    await relatiebeheer.patch(`/api/contacts/${contactId}`).send({ role: 'Financieel directeur' }).expect(200);
    await syncSettled(sync, hub.runtime.store);
    expect(contactsAtW2().find((c) => c.contactId === contactId)).toMatchObject({ role: 'Financieel directeur' });

    // When it is removed (the contacts read model forgets it), then PinkWeb drops it as well
    await relatiebeheer.delete(`/api/contacts/${contactId}`).expect(200);
    await syncSettled(sync, hub.runtime.store);
    expect(contactsAtW2().some((c) => c.contactId === contactId)).toBe(false);
    expect(s.pinkweb.records().removedContacts[number]).toContain(contactId);

    // One push of W2 per change
    expect(contactPushes()).toBe(pushesBefore + 3);
  }, 60_000);

  it('names every client a batch of contact events changes, a removed contact\'s client included, each with its event\'s position', async () => {
    // Given a contact registered at W1 and removed again, and one registered at PH1
    const [w1, ph1] = [scenario.ids.clients.W1, scenario.ids.clients.PH1];
    const removed = (await relatiebeheer.post(`/api/clients/${w1}/contacts`).send({ surname: 'Tijdelijk' }).expect(201)).body.id as string;
    await relatiebeheer.delete(`/api/contacts/${removed}`).expect(200);
    const kept = (await relatiebeheer.post(`/api/clients/${ph1}/contacts`).send({ surname: 'Blijvend' }).expect(201)).body.id as string;
    await hub.settle();
    const events = [...(await hub.runtime.store.readStream(`contact-${removed}`)), ...(await hub.runtime.store.readStream(`contact-${kept}`))];

    // When the clients they affect are asked for, as for one dispatcher batch
    const affected = await new ReadModelRelationsReader(hub.runtime.database, hub.runtime.store).clientsAffectedBy(events);

    // Then each event names its contact's client, the removed contact's too, at that event's position
    for (const event of events) {
      expect(affected).toContainEqual({ clientId: event.stream.endsWith(removed) ? w1 : ph1, position: event.position });
    }
    expect(new Set(affected.map((a) => a.clientId))).toEqual(new Set([w1, ph1]));
  });

  it('names, for a contact linked to a main, every client the main\'s portal user sees, also for the main\'s event that names no client', async () => {
    // Given a main contact with portal access at H, and a contact with portal access at PH2 not yet linked to it
    const [h, ph2] = [scenario.ids.clients.H, scenario.ids.clients.PH2];
    const main = (await relatiebeheer.post(`/api/clients/${h}/contacts`).send({ surname: 'Hoofd', email: 'hoofd@example.nl', portal: true }).expect(201)).body.id as string;
    const linked = (await relatiebeheer.post(`/api/clients/${ph2}/contacts`).send({ surname: 'Hoofd', portal: true }).expect(201)).body.id as string;

    // When the contact at PH2 is linked to the main
    await relatiebeheer.put(`/api/contacts/${linked}/main`).send({ contactId: main }).expect(200);
    await hub.settle();
    const mainEvents = await hub.runtime.store.readStream(`contact-${main}`);
    const added = mainEvents.find((e) => e.type === 'LinkedContactAdded')!;
    expect(added.data).not.toHaveProperty('clientId');
    const affected = await new ReadModelRelationsReader(hub.runtime.database, hub.runtime.store).clientsAffectedBy([added]);

    // Then the main's event concerns both clients its portal user now sees: H, where the main is, and PH2
    expect(affected).toEqual(expect.arrayContaining([
      { clientId: h, position: added.position },
      { clientId: ph2, position: added.position },
    ]));
  });

  it('pushes an address change once per package, a repeat not at all, and ends the relationship the way each package does', async () => {
    const s = sync.sandboxes!;
    const id = scenario.ids.clients.W1;
    const number = holdingCluster.clients.find((c) => c.ref === 'W1')!.clientNumber;
    const twinfield = () => s.twinfield.records().filter((r) => r.code === number);
    const qics = () => s.qicsmilestones.records().filter((r) => r.CustomerCode === number);
    const nextens = () => s.nextens.records().filter((r) => r.clientNumber === number);
    const pinkweb = () => s.pinkweb.records().clients.filter((c) => c.clientNumber === number);
    // Writes the packages received about W1 (Nextens takes every upsert on one path: counted in all)
    const writes = () => ({
      twinfield: twinfield()[0]?.touched ?? 0,
      qicsmilestones: s.qicsmilestones.requests().filter((r) => r.method === 'PATCH' && r.path.endsWith(`(${qics()[0].CustomerCompanyId})`)).length,
      nextens: s.nextens.requests().filter((r) => r.method === 'POST').length,
      pinkweb: s.pinkweb.requests().filter((r) => r.method !== 'GET' && r.path === `/api/clients/${number}`).length,
    });
    const pushes = async (outcome: string) => {
      const text = await metrics.metrics();
      const of = (pkg: string) => metricValue(text, `koppelhub_sync_pushes_total{package="${pkg}",outcome="${outcome}"}`);
      return { twinfield: of('twinfield'), qicsmilestones: of('qicsmilestones'), nextens: of('nextens'), pinkweb: of('pinkweb') };
    };

    // Given W1 is Klant in Twinfield, QicsMilestones, Nextens and PinkWeb, and nothing is in flight
    await syncSettled(sync, hub.runtime.store);
    const [writesBefore, pushedBefore, unchangedBefore] = [writes(), await pushes('pushed'), await pushes('unchanged')];

    // When its address changes over the API
    const address = { street: 'Lange Viestraat', houseNumber: '2', postcode: '3511 BK', city: 'Utrecht', country: 'NL' };
    await relatiebeheer.patch(`/api/clients/${id}`).send({ address }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then Twinfield, Nextens and PinkWeb got exactly one push each, one write with the new street;
    // QicsMilestones keeps no address, so it is sent nothing (not even a push found unchanged there)
    expect(writes()).toEqual({ ...writesBefore, twinfield: writesBefore.twinfield + 1, nextens: writesBefore.nextens + 1, pinkweb: writesBefore.pinkweb + 1 });
    expect(await pushes('pushed')).toEqual({
      twinfield: pushedBefore.twinfield + 1,
      qicsmilestones: pushedBefore.qicsmilestones,
      nextens: pushedBefore.nextens + 1,
      pinkweb: pushedBefore.pinkweb + 1,
    });
    expect(await pushes('unchanged')).toEqual(unchangedBefore);
    expect(JSON.stringify([twinfield()[0].address, nextens()[0].address, pinkweb()[0].address])).not.toContain('Industrieweg');
    expect([twinfield()[0].address, nextens()[0].address, pinkweb()[0].address].map((a) => JSON.stringify(a).includes('Lange Viestraat'))).toEqual([true, true, true]);

    // When the same change is sent again, then nothing is pushed anywhere
    const writesAfterChange = writes();
    const pushedAfterChange = await pushes('pushed');
    await relatiebeheer.patch(`/api/clients/${id}`).send({ address }).expect(200);
    await syncSettled(sync, hub.runtime.store);
    expect(writes()).toEqual(writesAfterChange);
    expect(await pushes('pushed')).toEqual(pushedAfterChange);

    // When the relationship ends (Geen klant meer) over the API
    const endDate = calendarDateOf(new Date());
    await scenario.centraleAdministratie.post(`/api/clients/${id}/status`).send({ to: 'Geen klant meer', endDate }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then Twinfield hides it, QicsMilestones deactivates it, PinkWeb deletes it, Nextens ends it; no second record anywhere
    expect(twinfield()).toEqual([expect.objectContaining({ status: 'hide' })]);
    expect(qics()).toEqual([expect.objectContaining({ IsActive: false })]);
    expect(pinkweb()).toEqual([]);
    expect(nextens()).toEqual([expect.objectContaining({ status: 'ended', endDate })]);
    expect(s.pinkweb.requests().filter((r) => r.method === 'DELETE' && r.path === `/api/clients/${number}`)).toHaveLength(1);
  }, 90_000);

  it('moves a Klant client to a new debtor number in Twinfield: a customer under the new code, the former one hidden', async () => {
    const s = sync.sandboxes!;
    const id = scenario.ids.clients.PH2;
    const { packages, debtorNumber } = holdingCluster.clients.find((c) => c.ref === 'PH2')!;
    const customers = () =>
      s.twinfield
        .records()
        .filter((r) => r.code === debtorNumber || r.code === '29012')
        .map((r) => [r.code, r.status]);

    // Given PH2 in Twinfield under its debtor number, and nothing in flight
    await syncSettled(sync, hub.runtime.store);
    expect(customers()).toEqual([[debtorNumber, 'active']]);

    // When its debtor number changes over the API
    await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages, debtorNumber: '29012' }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then Twinfield has a customer under the new number, and the former one stays, hidden
    expect(customers()).toEqual([
      [debtorNumber, 'hide'],
      ['29012', 'active'],
    ]);
    const delivery = await sync.deliveries.get(id, 'twinfield');
    expect(delivery).toMatchObject({ status: 'pushed', externalKey: '29012' });
    expect(delivery?.externalId).toBe(s.twinfield.records().find((r) => r.code === '29012')?.uid);
  }, 60_000);

  it('ends a Klant client in the packages switched off for it, the way each package ends one, and takes it back when switched on again', async () => {
    const s = sync.sandboxes!;
    const id = scenario.ids.clients.W2;
    const { packages, debtorNumber, clientNumber } = holdingCluster.clients.find((c) => c.ref === 'W2')!;
    const twinfield = () => s.twinfield.records().filter((r) => r.code === debtorNumber).map((r) => r.status);
    const pinkweb = () => s.pinkweb.records().clients.filter((c) => c.clientNumber === clientNumber).length;
    const untouched = () => JSON.stringify([
      s.qicsmilestones.records().filter((r) => r.CustomerCode === clientNumber),
      s.nextens.records().filter((r) => r.clientNumber === clientNumber),
    ]);
    const seeingW2 = () => Object.entries(pinkwebPortalUsers(s, scenario.ids)).filter(([, refs]) => refs.includes('W2')).map(([user]) => user);

    // Given W2 is Klant in all four of its packages, seen in PinkWeb by its portal users, and nothing is in flight
    await syncSettled(sync, hub.runtime.store);
    expect([twinfield(), pinkweb()]).toEqual([['active'], 1]);
    const viewers = seeingW2();
    expect(viewers.length).toBeGreaterThan(0);
    const others = untouched();

    // When PinkWeb and Twinfield are switched off for it over the API
    const kept = packages.filter((p) => p !== 'pinkweb' && p !== 'twinfield');
    await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages: kept, debtorNumber }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then PinkWeb deletes it (no portal user sees it any more) and Twinfield hides it; the packages still on get nothing
    expect([twinfield(), pinkweb(), seeingW2()]).toEqual([['hide'], 0, []]);
    expect(untouched()).toBe(others);
    expect(await sync.deliveries.get(id, 'pinkweb')).toMatchObject({ status: 'pushed' });

    // When they are switched on again
    await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages, debtorNumber }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then both hold it again, once, and its portal users see it again
    expect([twinfield(), pinkweb(), seeingW2().sort()]).toEqual([['active'], 1, [...viewers].sort()]);
    expect(untouched()).toBe(others);
  }, 60_000);

  it('ends a Klant client in Twinfield and QicsMilestones when they are switched off in the edit that clears its debtor number', async () => {
    const s = sync.sandboxes!;
    const id = scenario.ids.clients.W2;
    const { packages, debtorNumber, clientNumber } = holdingCluster.clients.find((c) => c.ref === 'W2')!;
    const twinfield = () => s.twinfield.records().filter((r) => r.code === debtorNumber).map((r) => r.status);
    const qics = () => s.qicsmilestones.records().filter((r) => r.CustomerCode === clientNumber).map((r) => r.IsActive);
    await syncSettled(sync, hub.runtime.store);
    expect([twinfield(), qics()]).toEqual([['active'], [true]]);

    // When both are switched off in one edit that also clears the debtor number they were keyed by
    const kept = packages.filter((p) => p !== 'twinfield' && p !== 'qicsmilestones');
    await relatiebeheer.patch(`/api/clients/${id}`).send({ packages: kept, debtorNumber: null }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then Twinfield hides it under the code it holds, and QicsMilestones deactivates it
    expect([twinfield(), qics()]).toEqual([['hide'], [false]]);
    expect(await sync.deliveries.get(id, 'twinfield')).toMatchObject({ status: 'pushed' });

    // And switched on again with its number, both hold it as before
    await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages, debtorNumber }).expect(200);
    await syncSettled(sync, hub.runtime.store);
    expect([twinfield(), qics()]).toEqual([['active'], [true]]);
  }, 60_000);

  it('tells a portal of a portal user\'s access only to clients it holds: never a prospect\'s number, nor an ended client\'s', async () => {
    const s = sync.sandboxes!;
    const h = scenario.ids.clients.H;
    const hNumber = holdingCluster.clients.find((c) => c.ref === 'H')!.clientNumber;
    const w1Number = holdingCluster.clients.find((c) => c.ref === 'W1')!.clientNumber;
    const numbersOf = (mainKey: string) => s.pinkweb.records().portalUsers.find((u) => u.mainKey === mainKey)?.clientNumbers;

    // Given a portal user at H (Klant) who also has a registration with portal access at a prospect,
    // and one at W1, whose relationship has ended
    const main = (await relatiebeheer.post(`/api/clients/${h}/contacts`).send({ surname: 'Portaal', email: 'portaal@example.nl', portal: true }).expect(201)).body.id as string;
    const prospect = await relatiebeheer.post('/api/clients').send(companyRegistration('29601', 'Prospect')).expect(201);
    for (const clientId of [prospect.body.id as string, scenario.ids.clients.W1]) {
      await relatiebeheer.post(`/api/clients/${clientId}/contacts`).send({ surname: 'Portaal', portal: true, main: { contactId: main } }).expect(201);
    }
    const portalUsers = (await relatiebeheer.get('/api/portal-users').query({ pageSize: 100 }).set('X-Min-Position', String(await hub.runtime.store.headPosition())).expect(200)).body;
    const user = portalUsers.items.find((u: { contactIds: string[] }) => u.contactIds.includes(main));
    expect(user.clients.map((c: { clientNumber: string }) => c.clientNumber).sort()).toEqual([hNumber, w1Number, '29601'].sort());

    // When H is pushed to PinkWeb again
    await relatiebeheer.patch(`/api/clients/${h}`).send({ searchName: 'VRIBERHOLD2' }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then PinkWeb's user sees H only: the prospect's number never reached it, nor the ended W1
    expect(numbersOf(user.key)).toEqual([hNumber]);
    expect(s.pinkweb.records().portalUsers.filter((u) => u.clientNumbers.includes('29601'))).toEqual([]);
  });

  it('sends an invoice-to change to QicsMilestones only, the package it is for', async () => {
    const s = sync.sandboxes!;
    const [w2, h] = [scenario.ids.clients.W2, scenario.ids.clients.H];
    const number = holdingCluster.clients.find((c) => c.ref === 'W2')!.clientNumber;

    // Given W2 invoicing to H, and nothing in flight
    await syncSettled(sync, hub.runtime.store);
    expect(qicsInvoiceTo(s).W2).toBe('H');
    const before = await pushCounts();

    // When its invoice-to is cleared, and set again
    await relatiebeheer.delete(`/api/clients/${w2}/invoice-to`).expect(200);
    await syncSettled(sync, hub.runtime.store);
    expect(qicsInvoiceTo(s).W2).toBeUndefined();
    await relatiebeheer.put(`/api/clients/${w2}/invoice-to`).send({ clientId: h }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then QicsMilestones got both changes, and no other package was asked anything
    expect(qicsInvoiceTo(s).W2).toBe('H');
    expect(await pushCounts()).toEqual({ ...before, qicsmilestones: before.qicsmilestones + 2 });
    expect(JSON.stringify(s.pinkweb.records().clients.find((c) => c.clientNumber === number))).not.toMatch(/invoice/i);
  });

  it('sends a contact change to the portals only, the packages that keep contacts', async () => {
    const w2 = scenario.ids.clients.W2;
    await syncSettled(sync, hub.runtime.store);
    const before = await pushCounts();

    // When a contact is registered at W2 (in PinkWeb, Nextens, QicsMilestones and Twinfield)
    await relatiebeheer.post(`/api/clients/${w2}/contacts`).send({ surname: 'Boekhouder', email: 'boekhouder@vbbouw.nl', portal: false }).expect(201);
    await syncSettled(sync, hub.runtime.store);

    // Then PinkWeb is sent W2 once, and no other package is asked anything
    expect(await pushCounts()).toEqual({ ...before, pinkweb: before.pinkweb + 1 });
  });

  it('sends a company change only to the packages that are sent the field: the IBAN to Twinfield alone, the legal form to PinkWeb and Nextens alone', async () => {
    const s = sync.sandboxes!;
    const id = scenario.ids.clients.PH1;
    const { clientNumber, debtorNumber } = holdingCluster.clients.find((c) => c.ref === 'PH1')!;
    const customer = () => s.twinfield.records().find((r) => r.code === debtorNumber)!;
    // Every request each package received (nothing else is in flight, so any new one is about PH1),
    // and the writes of PH1 among them
    const received = () => ({
      pinkweb: s.pinkweb.requests().length,
      nextens: s.nextens.requests().length,
      qicsmilestones: s.qicsmilestones.requests().length,
      twinfield: s.twinfield.requests().length,
    });
    const writes = () => ({
      pinkweb: s.pinkweb.requests().filter((r) => r.method === 'PUT' && r.path === `/api/clients/${clientNumber}`).length,
      nextens: s.nextens.requests().filter((r) => r.path === '/api/relations/upsert').length,
      twinfield: customer().touched,
    });

    // Given PH1 Klant in PinkWeb, Nextens, QicsMilestones and Twinfield, and nothing in flight
    await syncSettled(sync, hub.runtime.store);
    const [receivedBefore, writesBefore, pushesBefore] = [received(), writes(), await pushCounts()];

    // When only its IBAN changes over the API
    await relatiebeheer.patch(`/api/clients/${id}`).send({ company: { iban: 'NL91ABNA0417164300' } }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then Twinfield, the one package sent the IBAN, got exactly one write with it; PinkWeb, Nextens
    // and QicsMilestones received no request at all
    expect(customer().iban).toBe('NL91ABNA0417164300');
    expect(writes()).toEqual({ ...writesBefore, twinfield: writesBefore.twinfield + 1 });
    expect({ ...received(), twinfield: receivedBefore.twinfield }).toEqual(receivedBefore);
    expect(await pushCounts()).toEqual({ ...pushesBefore, twinfield: pushesBefore.twinfield + 1 });

    // When only its legal form changes
    const [receivedBetween, writesBetween, pushesBetween] = [received(), writes(), await pushCounts()];
    await relatiebeheer.patch(`/api/clients/${id}`).send({ company: { legalForm: 'NV' } }).expect(200);
    await syncSettled(sync, hub.runtime.store);

    // Then PinkWeb and Nextens, which are sent it, got exactly one write each with it; QicsMilestones
    // and Twinfield (whose credit budget it would have cost) received no request at all
    expect(s.pinkweb.records().clients.find((c) => c.clientNumber === clientNumber)?.company?.legalForm).toBe('NV');
    expect(s.nextens.records().find((r) => r.clientNumber === clientNumber)?.company?.legalForm).toBe('NV');
    expect(writes()).toEqual({ ...writesBetween, pinkweb: writesBetween.pinkweb + 1, nextens: writesBetween.nextens + 1 });
    const now = received();
    expect([now.qicsmilestones, now.twinfield]).toEqual([receivedBetween.qicsmilestones, receivedBetween.twinfield]);
    expect(await pushCounts()).toEqual({ ...pushesBetween, pinkweb: pushesBetween.pinkweb + 1, nextens: pushesBetween.nextens + 1 });
  });

  it('holds two portal users sharing a login in any capitals: the one PinkWeb had keeps its access, the other waits until the first changes it', async () => {
    const s = sync.sandboxes!;
    const [h, ph1] = [scenario.ids.clients.H, scenario.ids.clients.PH1];
    const numberOf = (ref: string) => holdingCluster.clients.find((c) => c.ref === ref)!.clientNumber;
    const userOf = (contactId: string) => s.pinkweb.records().portalUsers.find((u) => u.mainKey === `contact:${contactId}`);

    // Given a portal user at PH1, in PinkWeb
    const first = (await relatiebeheer.post(`/api/clients/${ph1}/contacts`).send({ surname: 'Eerste', email: 'gedeeld@example.nl', portal: true }).expect(201)).body.id as string;
    await syncSettled(sync, hub.runtime.store);
    expect(userOf(first)).toMatchObject({ login: 'gedeeld@example.nl', clientNumbers: [numberOf('PH1')] });

    // When another person at H is given the same login in other capitals
    const second = (await relatiebeheer.post(`/api/clients/${h}/contacts`).send({ surname: 'Tweede', email: 'Gedeeld@Example.NL', portal: true }).expect(201)).body.id as string;
    await syncSettled(sync, hub.runtime.store);

    // Then both are held (reported): the new one is not pushed, and the first keeps the access
    // PinkWeb gave it rather than being locked out by a registration elsewhere; nothing failed
    const problems = (await relatiebeheer.get('/api/portal-users').set('X-Min-Position', String(await hub.runtime.store.headPosition())).expect(200)).body.problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'portal.duplicate-login', users: [`contact:${first}`, `contact:${second}`].sort() }));
    expect(userOf(second)).toBeUndefined();
    expect(userOf(first)).toMatchObject({ login: 'gedeeld@example.nl', clientNumbers: [numberOf('PH1')] });
    // (and PH1 still lists her as its contact)
    expect(s.pinkweb.records().clients.find((c) => c.clientNumber === numberOf('PH1'))?.contacts.map((c) => c.contactId)).toContain(first);

    // When the first one's e-mail changes, then the second one reaches PinkWeb under its login, and the first under its new one
    await relatiebeheer.patch(`/api/contacts/${first}`).send({ email: 'eerste@example.nl' }).expect(200);
    await syncSettled(sync, hub.runtime.store);
    // (a contact's e-mail is kept in lower case)
    expect(userOf(second)).toMatchObject({ login: 'gedeeld@example.nl', clientNumbers: [numberOf('H')] });
    expect(userOf(first)).toMatchObject({ login: 'eerste@example.nl', clientNumbers: [numberOf('PH1')] });
    expect((await sync.deliveries.withStatus('failed')).filter((d) => d.package === 'pinkweb')).toEqual([]);
  });
  it('renumbers a Klant client: every package files it under the new number, once, the portal users follow, and both numbers stay taken', async () => {
    const s = sync.sandboxes!;
    const h = scenario.ids.clients.H;
    const old = holdingCluster.clients.find((c) => c.ref === 'H')!.clientNumber;
    await syncSettled(sync, hub.runtime.store);
    const qicsBefore = s.qicsmilestones.records();
    const nextensBefore = s.nextens.records().find((r) => r.clientNumber === old)!;
    const twinfieldBefore = s.twinfield.records();
    const seeingH = s.pinkweb.records().portalUsers.filter((u) => u.clientNumbers.includes(old)).map((u) => u.mainKey).sort();
    expect(seeingH.length).toBeGreaterThan(0);
    const contactsOfH = (clientNumber: string) =>
      s.pinkweb.records().clients.filter((c) => c.clientNumber === clientNumber).map((c) => c.contacts.map((contact) => contact.contactId).sort());
    const hContacts = contactsOfH(old);
    expect(hContacts).toHaveLength(1);
    expect(hContacts[0]!.length).toBeGreaterThan(0);

    // When H is renumbered
    const card = await relatiebeheer.put(`/api/clients/${h}/client-number`).send({ clientNumber: '20910' }).expect(200);
    expect(card.body.clientNumber).toBe('20910');
    await syncSettled(sync, hub.runtime.store);

    // Then PinkWeb files it under 20910 with its contacts, and its portal users see 20910, never 20010
    const pinkweb = s.pinkweb.records();
    expect(pinkweb.clients.filter((c) => c.clientNumber === old)).toEqual([]);
    expect(contactsOfH('20910')).toEqual(hContacts);
    expect(pinkweb.portalUsers.filter((u) => u.clientNumbers.includes('20910')).map((u) => u.mainKey).sort()).toEqual(seeingH);
    expect(pinkweb.portalUsers.filter((u) => u.clientNumbers.includes(old))).toEqual([]);
    // QicsMilestones keeps the same company under the new code (W2's invoicing agreement still points at it)
    const qics = s.qicsmilestones.records();
    expect(qics).toHaveLength(qicsBefore.length);
    expect(qics.find((r) => r.CustomerCode === '20910')?.CustomerCompanyId).toBe(qicsBefore.find((r) => r.CustomerCode === old)!.CustomerCompanyId);
    expect(qics.find((r) => r.CustomerCode === holdingCluster.clients.find((c) => c.ref === 'W2')!.clientNumber)?.InvoiceToCustomerCompanyId)
      .toBe(qicsBefore.find((r) => r.CustomerCode === old)!.CustomerCompanyId);
    // (W2, invoicing to H, was decided again: what the hours package is told of it names H's new number)
    const renumberedAt = Number(card.headers['x-event-position']) - 1;
    expect((await sync.deliveries.get(scenario.ids.clients.W2, 'qicsmilestones'))!.desiredPosition).toBeGreaterThanOrEqual(renumberedAt);
    // Nextens updates the same relation; Twinfield, which keys on the debtor number and is not sent
    // the client number, is as it was, not written to at all (each write counts in `touched`)
    expect(s.nextens.records().filter((r) => r.relationId === nextensBefore.relationId).map((r) => r.clientNumber)).toEqual(['20910']);
    expect(s.twinfield.records()).toEqual(twinfieldBefore);
    expect((await sync.deliveries.withStatus('failed')).filter((d) => d.clientId === h)).toEqual([]);

    // And both numbers stay taken: neither can be registered, and the card cannot be edited to another
    for (const clientNumber of ['20910', old]) {
      const taken = await relatiebeheer.post('/api/clients').send(companyRegistration(clientNumber, 'Nieuw')).expect(409);
      expect(taken.body).toMatchObject({ code: 'client.duplicate-client-number', clientNumber });
    }
    const edited = await relatiebeheer.patch(`/api/clients/${h}`).send({ clientNumber: '20911' }).expect(422);
    expect(edited.body.detail).toContain('renumber');
    const found = await relatiebeheer.get('/api/clients').query({ q: '20910' }).set('X-Min-Position', String(await hub.runtime.store.headPosition())).expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([h]);
  });
});
