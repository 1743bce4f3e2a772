import { SyncGateway } from '../apps/api/src/sync/sync-gateway';
import { postgresUrl, testDatabaseKinds as kinds } from '../libs/eventstore/src/testing/test-database';
import { type ClientRef, holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { acceptanceAgents, type EndedRelationship, endRelationshipToday, takeToKlant } from './support/approved-scenario';
import { companyRegistration } from './support/company-registration';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const DGA1 = holdingCluster.clients.find((c) => c.ref === 'DGA1')!;
const BSN = '628194821';
const MASKED = '*****4821';
const MOBILE = '0687654321';
if (!postgresUrl) console.warn('DATABASE_URL is not set: the personal-data e2e suite runs on PGlite only');

describe.each(kinds)('personal data over HTTP on %s: masking, audited reveals, erasure after retention', (kind) => {
  // The hub's clock: real time until a test moves it past the retention dates.
  const clock = { at: undefined as Date | undefined, now() { return this.at ?? new Date(); } };
  let hub: TestHub;
  let relatiebeheer: HttpAgent;
  let approver: HttpAgent;
  let centraleAdministratie: HttpAgent;
  let auditor: HttpAgent;
  let id: string;
  let contactId: string;
  let mainContactId: string;
  let bareMainId: string;
  let bareContactId: string;
  // The relationship ends the day the test runs: an end date may not lie before the day of Klant.
  let retention: EndedRelationship;

  const raw = async (sql: string, params: unknown[] = []): Promise<string> =>
    JSON.stringify((await hub.runtime.database.pool.query(sql, params)).rows);
  const erasure = (agent: HttpAgent) => agent.post(`/api/clients/${id}/personal-data/erasure`);
  // Embedded mode runs the sync in the API, against in-process sandboxes: Nextens keys persons by BSN.
  const inProcessSync = kind === 'pglite' ? it : it.skip;
  const nextensRelations = () => hub.app.get(SyncGateway).runtime?.sandboxes?.nextens.records() ?? [];
  async function nextensSettled(done: (relations: ReturnType<typeof nextensRelations>) => boolean) {
    const until = Date.now() + 30_000;
    while (!done(nextensRelations()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    return nextensRelations();
  }

  beforeAll(async () => {
    hub = await startTestHub(kind, {}, { clock });
    const as = await acceptanceAgents(hub);
    ({ relatiebeheer, approver, centraleAdministratie } = as);
    auditor = await hub.agentFor('auditor');

    // Given a person client with a BSN (registered with an Idempotency-Key) and a contact with a private mobile ...
    const created = await relatiebeheer.post('/api/clients').set('Idempotency-Key', 'register-dga1').send(registrationBody(DGA1)).expect(201);
    id = created.body.id;
    expect(created.body.person.bsn).toBe(MASKED);
    const contact = await relatiebeheer
      .post(`/api/clients/${id}/contacts`)
      .send({ surname: 'Vries-Bakker', private: { email: 'anna@prive.nl', mobile: MOBILE } })
      .expect(201);
    contactId = contact.body.id;
    // ... linked to the same human's contact at a company whose relationship goes on ...
    const company = await relatiebeheer.post('/api/clients').send(companyRegistration('39101', 'Voortgaand')).expect(201);
    const main = await relatiebeheer
      .post(`/api/clients/${company.body.id}/contacts`)
      .send({ surname: 'Vries-Bakker', private: { email: 'anna@prive.nl' } })
      .expect(201);
    mainContactId = main.body.id;
    await relatiebeheer.put(`/api/contacts/${contactId}/main`).send({ contactId: mainContactId }).expect(200);
    // ... and a contact holding no private data (so no key of its own), linked to a main that has none either
    const bareMain = await relatiebeheer.post(`/api/clients/${company.body.id}/contacts`).send({ surname: 'Kaal' }).expect(201);
    bareMainId = bareMain.body.id;
    const bare = await relatiebeheer.post(`/api/clients/${id}/contacts`).send({ surname: 'Kaal' }).expect(201);
    bareContactId = bare.body.id;
    await relatiebeheer.put(`/api/contacts/${bareContactId}/main`).send({ contactId: bareMainId }).expect(200);
    // ... taken through acceptance to Klant ...
    await takeToKlant(as, id, DGA1, { DGA1: id } as Record<ClientRef, string>);
    // ... and ended as Geen klant meer today (Wwft retention 5 years on, fiscal 7)
    retention = await endRelationshipToday(centraleAdministratie, id);
    await hub.settle();
  }, 120_000);

  afterAll(async () => {
    await hub.stop();
  });

  describe('before erasure', () => {
    it('stores no BSN, birth date or private contact data in clear text in the events, and no BSN in stored answers', async () => {
      const events = await raw('select data from es_events');
      for (const value of [BSN, DGA1.person.dateOfBirth, DGA1.email, DGA1.address.street, MOBILE]) expect(events).not.toContain(value);
      const stored = await raw('select body from idempotency_keys where key = $1', ['register-dga1']);
      expect(stored).toContain(MASKED);
      expect(stored).not.toContain(BSN);
    });

    it.each(['relatiebeheer', 'klantgoedkeurder', 'centrale-administratie', 'auditor', 'admin'] as const)(
      'shows the BSN masked to %s by default, on the card and in the history',
      async (role) => {
        const agent = role === 'admin' ? hub.http : await hub.agentFor(role);
        const card = await agent.get(`/api/clients/${id}`).expect(200);
        expect(card.body.person).toMatchObject({ bsn: MASKED, dateOfBirth: DGA1.person.dateOfBirth });
        const history = await agent.get(`/api/clients/${id}/events`).expect(200);
        expect(JSON.stringify(history.body)).not.toContain(BSN);
        expect(history.body[0].data.details.person.bsn).toBe(MASKED);
      },
    );

    it('masks the BSN in the audit log and in both export formats', async () => {
      const page = await auditor.get('/api/audit/events').query({ clientId: id }).expect(200);
      expect(page.body.items[0].data.details.person.bsn).toBe(MASKED);
      for (const format of ['ndjson', 'csv']) {
        const exported = await auditor.get('/api/audit/export').query({ clientId: id, format }).expect(200);
        expect(exported.text).not.toContain(BSN);
        expect(exported.text).toContain(MASKED);
      }
    });

    it('refuses ?reveal=bsn to roles that do not need the number', async () => {
      for (const agent of [auditor, approver, centraleAdministratie]) {
        const refused = await agent.get(`/api/clients/${id}`).query({ reveal: 'bsn' }).expect(403);
        expect(refused.body.code).toBe('personal-data.reveal-forbidden');
      }
    });

    it('refuses to reveal a field it does not offer, or on a route that shows none', async () => {
      await relatiebeheer.get(`/api/clients/${id}`).query({ reveal: 'dateOfBirth' }).expect(400);
      const refused = await relatiebeheer.get(`/api/clients/${id}/dossier`).query({ reveal: 'bsn' }).expect(400);
      expect(refused.body.violations).toEqual([{ field: 'reveal', message: 'this route shows no personal data to reveal' }]);
    });

    it('reveals the BSN to relatiebeheer on request and records who saw which field, without the value', async () => {
      const card = await relatiebeheer.get(`/api/clients/${id}`).query({ reveal: 'bsn' }).expect(200);
      expect(card.body.person.bsn).toBe(BSN);
      // The id spelled in capitals: the reveal is still recorded in the client's own access history.
      const history = await hub.http.get(`/api/clients/${id.toUpperCase()}/events`).query({ reveal: 'bsn' }).expect(200);
      expect(history.body[0].data.details.person.bsn).toBe(BSN);

      const audit = await auditor.get('/api/audit/events').query({ type: 'PersonalDataRevealed' }).expect(200);
      expect(audit.body.items.map((e: { actor: string; stream: string; data: object }) => [e.actor, e.stream, e.data])).toEqual([
        ['key:r.jansen', `personal_data_access-${id}`, { clientId: id, fields: ['bsn'], view: 'GET /api/clients/:id' }],
        ['key:e2e-admin', `personal_data_access-${id}`, { clientId: id, fields: ['bsn'], view: 'GET /api/clients/:id/events' }],
      ]);
      expect(JSON.stringify(audit.body)).not.toContain(BSN);
    });

    inProcessSync('pushes the BSN to Nextens, read through the decrypting store (jobs carry ids only)', async () => {
      const relations = await nextensSettled((held) => held.some((r) => r.status === 'ended'));
      expect(relations.map((r) => [r.key, r.status, r.person?.dateOfBirth])).toEqual([[BSN, 'ended', DGA1.person.dateOfBirth]]);
    });

    it('refuses erasure to relation management (it does not end relationships)', async () => {
      expect((await erasure(relatiebeheer).expect(403)).body.code).toBe('auth.forbidden');
    });

    it('refuses erasure on the last day of the fiscal retention, naming the rule and the date', async () => {
      clock.at = new Date(`${retention.fiscalUntil}T15:00:00Z`);
      const refused = await erasure(centraleAdministratie).expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'personal-data.retention-not-ended',
        rule: 'retention.fiscal',
        retainedUntil: retention.fiscalUntil,
        erasableFrom: retention.erasableFrom,
        wwftUntil: retention.wwftUntil,
        fiscalUntil: retention.fiscalUntil,
      });
      expect(refused.body.detail).toContain(retention.fiscalUntil);
      const card = await relatiebeheer.get(`/api/clients/${id}`).query({ reveal: 'bsn' }).expect(200);
      expect(card.body.person.bsn).toBe(BSN);
      // The dossier asks the same clock: seven years on, the Wwft review is long overdue.
      const wwft = await relatiebeheer.get(`/api/clients/${id}/wwft/completeness`).expect(200);
      expect(wwft.body.expired).toBe(true);
    });
  });

  describe('when central administration erases after retention', () => {
    let lateContactId: string;

    beforeAll(async () => {
      clock.at = new Date(`${retention.erasableFrom}T08:00:00Z`);
      // While the erasure reads the client's scope, relation management registers one more contact
      // with private data: its key is made just after that read, so the first decision misses it.
      const keys = hub.runtime.store.keys;
      const readScope = keys.inScope.bind(keys);
      const firstRead = jest.spyOn(keys, 'inScope').mockImplementationOnce(async (scope) => {
        const read = await readScope(scope);
        const late = await relatiebeheer.post(`/api/clients/${id}/contacts`).send({ surname: 'Laat', private: { mobile: '0611122233' } }).expect(201);
        lateContactId = late.body.id;
        return read;
      });
      const erased = await erasure(centraleAdministratie).expect(200);
      firstRead.mockRestore();
      expect(erased.body).toEqual({
        clientId: id,
        erased: true,
        erasedSubjects: [`client:${id}`, `contact:${contactId}`, `contact:${lateContactId}`].sort(),
        erasedOn: retention.erasableFrom,
      });
      await hub.settle();
    });

    it('shows "erased" on the card, also to those who may reveal', async () => {
      const card = await relatiebeheer.get(`/api/clients/${id}`).query({ reveal: 'bsn' }).expect(200);
      expect(card.body).toMatchObject({
        status: 'Geen klant meer',
        person: { surname: 'Vries', bsn: 'erased', dateOfBirth: 'erased' },
        address: { street: 'erased', houseNumber: 'erased', postcode: 'erased', city: 'erased' },
        email: 'erased',
      });
    });

    it('shows "erased" in the history, with the erasure recorded and no personal data in it', async () => {
      const history = await auditor.get(`/api/clients/${id}/events`).expect(200);
      expect(history.body[0].data.details.person).toMatchObject({ bsn: 'erased', dateOfBirth: 'erased' });
      expect(history.body.at(-1)).toMatchObject({ type: 'PersonalDataErased', actor: 'key:c.smit', data: { erasedOn: retention.erasableFrom } });
      expect(JSON.stringify(history.body)).not.toContain(BSN);
    });

    it('shows "erased" for the contact and in the read models', async () => {
      const contact = await auditor.get(`/api/contacts/${contactId}`).expect(200);
      expect(contact.body.private).toEqual({ email: 'erased', mobile: 'erased' });
      // The contact registered while the erasure ran is erased too, in a second erasure event
      expect((await auditor.get(`/api/contacts/${lateContactId}`).expect(200)).body.private).toEqual({ mobile: 'erased' });
      const erasures = (await auditor.get(`/api/clients/${id}/events`).expect(200)).body.filter((e: { type: string }) => e.type === 'PersonalDataErased');
      expect(erasures.map((e: { data: { subjects: string[] } }) => e.data.subjects)).toEqual([
        [`client:${id}`, `contact:${contactId}`].sort(),
        [`contact:${lateContactId}`],
      ]);
      // The client's contact list is the contacts read model, not a fold of the contact's stream
      const listed = await auditor.get(`/api/clients/${id}/contacts`).expect(200);
      expect(listed.body.items.find((c: { id: string }) => c.id === contactId)?.private).toEqual({ email: 'erased', mobile: 'erased' });
      const search = await auditor.get('/api/clients').query({ q: DGA1.clientNumber }).expect(200);
      expect(search.body.items[0]).toMatchObject({ id, city: 'erased' });
    });

    it('exports "erased" in NDJSON and CSV', async () => {
      for (const format of ['ndjson', 'csv']) {
        const exported = await auditor.get('/api/audit/export').query({ clientId: id, format }).expect(200);
        expect(exported.text).not.toContain(BSN);
        expect(exported.text).not.toContain(MASKED);
        expect(exported.text).toMatch(/bsn\W+erased/);
      }
    });

    it('leaves no BSN in the raw rows or stored answers, and every hash chain still verifies', async () => {
      expect(await raw('select data from es_events')).not.toContain(BSN);
      expect(await raw('select body from idempotency_keys where body::text like $1', [`%${id}%`])).toBe('[]');
      const verified = await auditor.get('/api/audit/verify').expect(200);
      expect(verified.body.chains).toMatchObject({ ok: true });
    });

    inProcessSync('pushes nothing more: the package keeps what it holds under its own retention', async () => {
      const sync = hub.app.get(SyncGateway).runtime!;
      await sync.dispatcher.waitFor(await hub.runtime.store.headPosition(), 30_000);
      expect(nextensRelations().map((r) => [r.key, r.status])).toEqual([[BSN, 'ended']]);
      expect(JSON.stringify(nextensRelations())).not.toContain('erased');
    });

    it('lets the main of a contact erased with its client change: the erased contact takes no copy', async () => {
      await relatiebeheer.patch(`/api/contacts/${mainContactId}`).send({ private: { email: 'anna.nieuw@prive.nl' } }).expect(200);
      const linked = await auditor.get(`/api/contacts/${contactId}`).expect(200);
      expect(linked.body.private).toEqual({ email: 'erased', mobile: 'erased' });
      // Also for a contact there that never had a key: the erased client's scope takes no new ones
      await relatiebeheer.patch(`/api/contacts/${bareMainId}`).send({ private: { mobile: '0612345678' } }).expect(200);
      expect((await auditor.get(`/api/contacts/${bareContactId}`).expect(200)).body.private).toEqual({});
    });

    it('refuses personal data for a contact registered at the erased client afterwards', async () => {
      const refused = await relatiebeheer.post(`/api/clients/${id}/contacts`).send({ surname: 'Later', private: { mobile: '0611122244' } }).expect(422);
      expect(refused.body.code).toBe('personal-data.erased');
    });

    it('answers a repeated erasure without erasing anything again', async () => {
      const again = await erasure(centraleAdministratie).expect(200);
      expect(again.body).toMatchObject({ erased: false, erasedSubjects: [] });
    });
  });
});
