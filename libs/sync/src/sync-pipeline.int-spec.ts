import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@koppelhub/eventstore';
import { describeOnPostgres } from '../../eventstore/src/testing/test-database';
import { NO_RELATIONS } from './client-push.builder';
import { startSyncHarness, type SyncHarness } from './testing/sync-harness';
import { eventually } from '../../eventstore/src/testing/eventually';

const redisUrl = process.env.REDIS_URL;
const describeWithServices = redisUrl ? describeOnPostgres : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: the sync pipeline suite is skipped');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithServices('the sync pipeline (PostgreSQL, Redis, sandboxes)', () => {
  let hub: SyncHarness;
  beforeAll(async () => {
    hub = await startSyncHarness(redisUrl!);
  });
  afterAll(async () => {
    await hub.close();
  });

  const meta = { actor: 'test', commandId: 'c', correlationId: 'c' };
  const ev = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
  // Nextens keys companies on their fiscal number: every test client has its own.
  let rsin = '792376092';
  const details = (street = 'Stationsplein') => ({
    searchName: 'VRIBERHOLD',
    debtorNumber: '',
    company: { legalForm: 'BV', statutoryName: 'De Vries & Van den Berg Holding B.V.', rsin },
    address: { street, houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
    packages: ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'],
  });
  let versions: Record<string, number> = {};
  async function append(clientId: string, ...events: NewEvent[]) {
    const stream = `client-${clientId}`;
    const result = await hub.store.append([{ stream, expectedVersion: versions[stream] ?? 'no_stream', events }]);
    versions[stream] = result.streamVersions[stream];
    await hub.dispatcher.waitFor(result.events[result.events.length - 1].position);
    return result;
  }
  const status = (clientId: string, from: string, to: string, extra = {}) => ev('ClientStatusChanged', { clientId, from, to, ...extra });
  const twinfield = () => hub.sandboxes.twinfield.records();
  const qics = () => hub.sandboxes.qicsmilestones.records();
  const pinkweb = () => hub.sandboxes.pinkweb.records().clients;
  const nextens = () => hub.sandboxes.nextens.records();
  const writes = () => hub.sandboxes.pinkweb.requests().filter((r) => r.method !== 'GET').length;

  it('pushes nothing before Klant, then the client to each package once, and updates only on a real change', async () => {
    versions = {};
    const id = randomUUID();
    const number = `3${Math.floor(Math.random() * 1e6)}`;
    const registered = ev('ClientRegistered', {
      clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: { ...details(), debtorNumber: number },
    });
    // Given a client on its way through acceptance
    await append(id, registered, status(id, 'Prospect', 'Klantaanvraag'), status(id, 'Klantaanvraag', 'Ter goedkeuring'));
    await pause(300);
    expect([twinfield(), qics(), pinkweb(), nextens()].map((r) => r.length)).toEqual([0, 0, 0, 0]);

    // When it becomes Klant, then each of its packages holds it exactly once
    await append(id, status(id, 'Ter goedkeuring', 'Klant'));
    await eventually(() => [twinfield(), qics(), pinkweb(), nextens()].map((r) => r.length), (n) => n.every((c) => c === 1));
    expect(twinfield()[0]).toMatchObject({ code: number, status: 'active' });
    expect(qics()[0]).toMatchObject({ CustomerCode: number, IsActive: true });
    const landed = await eventually(() => hub.deliveries.forClient(id), (d) => d.length === 4 && d.every((x) => x.status === 'pushed' && x.externalId));
    // The keys the packages filed it under are known, none left unconfirmed
    expect(landed.find((d) => d.package === 'nextens')).toMatchObject({ externalKey: `${rsin}-1` });
    expect(landed.find((d) => d.package === 'twinfield')).toMatchObject({ externalKey: number });
    expect(landed.filter((d) => d.unconfirmedKeys)).toEqual([]);

    // When its address changes, then one update per package
    const before = writes();
    await append(id, ev('ClientDetailsChanged', { clientId: id, details: { ...details('Lange Viestraat'), debtorNumber: number }, changedFields: ['address'] }));
    await eventually(() => twinfield()[0].address, (a) => JSON.stringify(a).includes('Lange Viestraat'));
    await eventually(writes, (n) => n === before + 1);
    expect(twinfield()[0].touched).toBe(2);

    // When the same change is recorded again, then nothing is pushed
    await append(id, ev('ClientDetailsChanged', { clientId: id, details: { ...details('Lange Viestraat'), debtorNumber: number }, changedFields: [] }));
    await pause(500);
    expect(writes()).toBe(before + 1);
    expect(twinfield()[0].touched).toBe(2);

    // When the relationship ends, then hidden in Twinfield, inactive in QicsMilestones, deleted in PinkWeb
    await append(id, status(id, 'Klant', 'Geen klant meer', { endDate: '2026-12-31' }));
    await eventually(() => [twinfield()[0].status, qics()[0].IsActive, pinkweb().length], ([t, q, p]) => t === 'hide' && q === false && p === 0);
    expect(nextens()[0]).toMatchObject({ status: 'ended' });
  });

  it('given a client ended while only Nextens held it, when the other packages are switched on, then QicsMilestones takes it inactive and nothing is created in Twinfield, CaseWare Cloud or PinkWeb', async () => {
    versions = {};
    rsin = '123456782';
    const id = randomUUID();
    const number = `8${Math.floor(Math.random() * 1e6)}`;
    const card = (packages: string[]) => ({ ...details(), debtorNumber: number, packages });
    // Given a client that was Klant with Nextens alone, and has ended
    await append(id,
      ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: card(['nextens']) }),
      status(id, 'Ter goedkeuring', 'Klant'),
    );
    await eventually(() => hub.deliveries.get(id, 'nextens'), (d) => d?.status === 'pushed');
    await append(id, status(id, 'Klant', 'Geen klant meer', { endDate: '2026-12-31' }));
    await eventually(() => nextens().filter((r) => r.clientNumber === number).map((r) => r.status), (s) => s.join() === 'ended');

    // When Twinfield, CaseWare Cloud, PinkWeb and QicsMilestones are switched on
    await append(id, ev('ClientDetailsChanged', {
      clientId: id, details: card(['nextens', 'twinfield', 'casewarecloud', 'pinkweb', 'qicsmilestones']), changedFields: ['packages'],
    }));

    // Then QicsMilestones takes it as ended ("Klant or GKM, debtor number set")
    await eventually(() => qics().filter((r) => r.CustomerCode === number).map((r) => r.IsActive), (a) => a.join() === 'false');
    await pause(300);
    // and the packages that take a Klant only were not sent it at all
    expect(twinfield().filter((r) => r.code === number)).toEqual([]);
    expect(hub.sandboxes.casewarecloud.records().entities.filter((e) => e.ClientNumber === number)).toEqual([]);
    expect(hub.sandboxes.pinkweb.requests().filter((r) => r.path === `/api/clients/${number}`)).toEqual([]);
    expect((await hub.deliveries.forClient(id)).map((d) => [d.package, d.status]).sort()).toEqual([['nextens', 'pushed'], ['qicsmilestones', 'pushed']]);
  });

  it('given a client CaseWare Cloud took while Klant, when it ends, then its entity there is revoked', async () => {
    versions = {};
    const id = randomUUID();
    const number = `9${Math.floor(Math.random() * 1e6)}`;
    const entities = () => hub.sandboxes.casewarecloud.records().entities.filter((e) => e.ClientNumber === number);
    // Given a Klant company CaseWare Cloud holds
    await append(id,
      ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: { ...details(), debtorNumber: number, packages: ['casewarecloud'] } }),
      status(id, 'Ter goedkeuring', 'Klant'),
    );
    await eventually(() => entities().map((e) => e.Status), (s) => s.join() === 'Active');

    // When the relationship ends, then the same entity is revoked
    await append(id, status(id, 'Klant', 'Geen klant meer', { endDate: '2026-12-31' }));
    await eventually(() => entities().map((e) => e.Status), (s) => s.join() === 'Revoked');
  });

  it('rides out 500s, a 429 with Retry-After and a timeout without duplicates', async () => {
    versions = {};
    rsin = '995822542';
    hub.sandboxes.twinfield.faults.add({ kind: 'status', status: 500, count: 3 });
    hub.sandboxes.qicsmilestones.faults.add({ kind: 'rate-limit', retryAfterSeconds: 1, count: 1 });
    hub.sandboxes.nextens.faults.add({ kind: 'delay', ms: 1_500, count: 1 });
    const id = randomUUID();
    const number = `4${Math.floor(Math.random() * 1e6)}`;
    const twinfieldBefore = twinfield().length;
    const qicsBefore = qics().length;
    const nextensBefore = nextens().length;
    await append(id,
      ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: { ...details(), debtorNumber: number } }),
      status(id, 'Ter goedkeuring', 'Klant'),
    );
    await eventually(() => hub.deliveries.forClient(id), (d) => d.length === 4 && d.every((x) => x.status === 'pushed'), 20_000);
    expect(twinfield().filter((r) => r.code === number)).toHaveLength(1);
    expect(qics().filter((r) => r.CustomerCode === number)).toHaveLength(1);
    expect(twinfield().length).toBe(twinfieldBefore + 1);
    expect(qics().length).toBe(qicsBefore + 1);
    expect(nextens().length).toBe(nextensBefore + 1);
  });

  it('puts a refused push in the failed list, and a re-drive after the fix succeeds', async () => {
    versions = {};
    rsin = '659368778';
    hub.sandboxes.pinkweb.faults.add({ kind: 'permanent', message: 'email address is invalid', count: 1 });
    const id = randomUUID();
    const number = `5${Math.floor(Math.random() * 1e6)}`;
    await append(id,
      ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: { ...details(), debtorNumber: number } }),
      status(id, 'Ter goedkeuring', 'Klant'),
    );
    const failed = await eventually(() => hub.deliveries.withStatus('failed'), (d) => d.some((x) => x.clientId === id));
    expect(failed.find((x) => x.clientId === id)).toMatchObject({ package: 'pinkweb', message: expect.stringContaining('email address is invalid') });

    const reopened = await hub.deliveries.reopen(id, 'pinkweb', `${id}_pinkweb_redrive_1`);
    await hub.queues.enqueue([{ package: 'pinkweb', jobId: `${id}_pinkweb_redrive_1`, members: [{ clientId: id, position: reopened!.desiredPosition }] }]);
    expect(reopened).toBeDefined();
    await eventually(() => hub.deliveries.get(id, 'pinkweb'), (d) => d?.status === 'pushed');
    expect(pinkweb().filter((c) => (c as { clientNumber?: string }).clientNumber === number)).toHaveLength(1);
  });

  it('given a delivery left pending although its job finished, when re-driven, then the push runs again', async () => {
    versions = {};
    rsin = '111222333';
    const id = randomUUID();
    const number = `6${Math.floor(Math.random() * 1e6)}`;
    await append(id,
      ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: { ...details(), debtorNumber: number } }),
      status(id, 'Ter goedkeuring', 'Klant'),
    );
    await eventually(() => hub.deliveries.get(id, 'pinkweb'), (d) => d?.status === 'pushed');
    const pushesOf = () => hub.sandboxes.pinkweb.requests().filter((r) => r.method === 'PUT' && r.path === `/api/clients/${number}`).length;
    const before = pushesOf();

    // Given its PinkWeb job finished while the delivery is pending again (an older push answered
    // last, or the job stalled out): the queue keeps the finished job under that id
    await hub.test.database.pool.query(
      `update sync_deliveries set status = 'pending', pushed_hash = 'older' where client_id = $1 and package = 'pinkweb'`,
      [id],
    );

    // When the pending deliveries are re-driven
    await hub.dispatcher.redrivePending();

    // Then the push runs again and settles the delivery
    await eventually(() => hub.deliveries.get(id, 'pinkweb'), (d) => d?.status === 'pushed');
    expect(pushesOf()).toBe(before + 1);
  });

  it('given a new debtor number whose push timed out after Twinfield wrote it, when the number changes again, then only the newest customer is active', async () => {
    versions = {};
    const id = randomUUID();
    const [first, lost, newest] = ['1', '2', '3'].map((n) => `8${Math.floor(Math.random() * 1e5)}${n}`) as [string, string, string];
    const card = (debtorNumber: string) => ({ ...details(), debtorNumber, packages: ['twinfield'] });
    const renumbered = (debtorNumber: string) => ev('ClientDetailsChanged', { clientId: id, details: card(debtorNumber), changedFields: ['debtorNumber'] });
    const customers = () => twinfield().filter((r) => [first, lost, newest].includes(r.code)).map((r) => [r.code, r.status]);
    // Given a Klant in Twinfield under its first debtor number
    await append(id, ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: first, status: 'Prospect', details: card(first) }), status(id, 'Ter goedkeuring', 'Klant'));
    await eventually(() => hub.deliveries.get(id, 'twinfield'), (d) => d?.externalKey === first);

    // And a new number whose push times out while Twinfield goes on and writes it
    hub.sandboxes.twinfield.faults.add({ kind: 'delay', ms: 1_500 });
    await append(id, renumbered(lost));
    await eventually(() => hub.deliveries.get(id, 'twinfield'), (d) => d?.unconfirmedKeys?.includes(lost) === true);

    // When the number changes again
    await append(id, renumbered(newest));

    // Then the newest customer alone is active, the two before kept hidden, and the delivery knows the newest alone
    await eventually(customers, (held) => JSON.stringify(held) === JSON.stringify([[first, 'hide'], [lost, 'hide'], [newest, 'active']]), 20_000);
    const delivery = await eventually(() => hub.deliveries.get(id, 'twinfield'), (d) => d?.status === 'pushed', 20_000);
    expect(delivery).toMatchObject({ externalKey: newest });
    expect(delivery?.unconfirmedKeys).toBeUndefined();
  });

  it('given clients accepted together, then each package gets them in one job, which every delivery records', async () => {
    // Given three clients, registered, accepted in one append
    versions = {};
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const rsins = ['300000005', '300000017', '300000029'];
    for (const [n, id] of ids.entries()) {
      rsin = rsins[n]!;
      const number = `7${Math.floor(Math.random() * 1e6)}`;
      await append(id, ev('ClientRegistered', { clientId: id, kind: 'company', clientNumber: number, status: 'Prospect', details: { ...details(), debtorNumber: number } }), status(id, 'Prospect', 'Ter goedkeuring'));
    }
    const accepted = await hub.store.append(
      ids.map((id) => ({ stream: `client-${id}`, expectedVersion: versions[`client-${id}`]!, events: [status(id, 'Ter goedkeuring', 'Klant')] })),
    );
    await hub.dispatcher.waitFor(Math.max(...accepted.events.map((e) => e.position)));

    // When their pushes have landed
    const landed = await eventually(
      () => Promise.all(ids.map((id) => hub.deliveries.forClient(id))),
      (all) => all.every((d) => d.length === 4 && d.every((x) => x.status === 'pushed')),
    );

    // Then per package the three share one recorded job, which the queue ran with all three
    for (const pkg of ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'] as const) {
      const jobIds = new Set(landed.flat().filter((d) => d.package === pkg).map((d) => d.jobId));
      expect(jobIds.size).toBe(1);
      const job = await hub.queues.queue(pkg).getJob([...jobIds][0]!);
      expect(job?.returnvalue).toEqual({ created: 3 });
    }
  });
});

describeWithServices('the sync dispatcher asking the relations to catch up (PostgreSQL, Redis, sandboxes)', () => {
  it('given a client registered and sent for approval, then the dispatcher asks up to the last event, naming the types of its batches', async () => {
    const asked: Array<{ position: number; types: string[] }> = [];
    const hub = await startSyncHarness(redisUrl!, {
      read: async () => NO_RELATIONS,
      catchUp: async (position, types) => void asked.push({ position, types: [...(types ?? [])] }),
    });
    try {
      const clientId = randomUUID();
      const meta = { actor: 'test', commandId: 'c', correlationId: 'c' };
      const { events } = await hub.store.append([
        {
          stream: `client-${clientId}`,
          expectedVersion: 'no_stream',
          events: [
            { id: randomUUID(), type: 'ClientRegistered', data: { clientId, kind: 'company', clientNumber: '41', status: 'Prospect', details: {} }, metadata: meta },
            { id: randomUUID(), type: 'ClientStatusChanged', data: { clientId, from: 'Prospect', to: 'Ter goedkeuring' }, metadata: meta },
          ],
        },
      ]);
      await hub.dispatcher.waitFor(events[1].position);

      expect(Math.max(...asked.map((a) => a.position))).toBe(events[1].position);
      expect(new Set(asked.flatMap((a) => a.types))).toEqual(new Set(['ClientRegistered', 'ClientStatusChanged']));
    } finally {
      await hub.close();
    }
  });
});
