import { holdingCluster } from './fixtures/holding-cluster';
import { companyRegistration } from './support/company-registration';
import { buildReferenceScenario, contactBody, type ScenarioIds } from './support/reference-scenario';
import { startTestHub, type TestHub } from './support/test-hub';

/** The same read models on the embedded store (PGlite), the hub's default mode. */
describe('contacts, portal users and UBOs on the embedded store (PGlite)', () => {
  let hub: TestHub;
  let ids: ScenarioIds;

  beforeAll(async () => {
    hub = await startTestHub('pglite');
    ids = await buildReferenceScenario(hub);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('derives the four portal users and the UBOs of W2', async () => {
    const users = await hub.http.get('/api/portal-users').expect(200);
    expect(users.body.total).toBe(Object.keys(holdingCluster.expected.portalAccessByMain).length);
    const ubos = await hub.http.get(`/api/clients/${ids.clients.W2}/ubos`).expect(200);
    expect(ubos.body.ubos.map((u: { clientNumber: string; percent: number }) => [u.clientNumber, u.percent])).toEqual([
      ['20001', 50],
      ['20002', 50],
    ]);
  });

  it('lists the contacts of W1 with their mains', async () => {
    const contacts = await hub.http.get(`/api/clients/${ids.clients.W1}/contacts`).expect(200);
    expect(contacts.body.total).toBe(3);
    const byId = new Map(contacts.body.items.map((c: { id: string; main?: unknown }) => [c.id, c.main]));
    expect(byId.get(ids.contacts['W1-DGA1'])).toEqual({ kind: 'client', id: ids.clients.DGA1 });
    expect(byId.get(ids.contacts['W1-ADM'])).toEqual({ kind: 'contact', id: ids.contacts['H-ADM'] });
    expect(byId.get(ids.contacts['W1-HR'])).toBeUndefined();
  });

  it('prefills a Wwft registration whose only UBO is a pseudo-UBO holding nothing: the director is recorded without a share', async () => {
    // Given a company 20 % owned by DGA2, whose director contact is DGA1
    const id = (await hub.http.post('/api/clients').send(companyRegistration('39001', 'Pseudo')).expect(201)).body.id as string;
    await hub.http.post('/api/ownerships').send({ ownerId: ids.clients.DGA2, ownedId: id, percent: 20 }).expect(201);
    const director = holdingCluster.contacts.find((c) => c.ref === 'H-DGA1')!;
    const contactId = (await hub.http.post(`/api/clients/${id}/contacts`).send({ ...contactBody(director), portal: false }).expect(201)).body.id as string;
    await hub.http.put(`/api/contacts/${contactId}/main`).send({ clientId: ids.clients.DGA1 }).expect(200);
    await hub.settle();

    // When a Wwft registration naming no UBOs is recorded
    await hub.http.put(`/api/clients/${id}/wwft`).send({ purpose: 'Jaarrekening' }).expect(200);

    // Then the director is its pseudo-UBO, with no share
    const dossier = await hub.http.get(`/api/clients/${id}/dossier`).expect(200);
    expect(dossier.body.wwft.registration.ubos).toEqual([{ name: expect.stringContaining('Vries'), kind: 'pseudo', clientId: ids.clients.DGA1, indirect: false }]);
  });
});
