import { calendarDateOf, retentionFrom } from '@koppelhub/domain';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { type ClientRef, holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { engagementsOf, organogramDocumentOf, wwftRegistrationOf } from './support/acceptance-fixture';
import { registeredRoutes } from './support/registered-routes';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';
import { companyRegistration } from './support/company-registration';
import { firmDays } from './support/firm-days';

describeOnPostgres('client acceptance over HTTP on PostgreSQL (reference scenario)', () => {
  let hub: TestHub;
  let relatiebeheer: HttpAgent;
  let approver: HttpAgent;
  let otherApprover: HttpAgent;
  let centraleAdministratie: HttpAgent;
  let auditor: HttpAgent;
  const ids = {} as Record<ClientRef, string>;

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    approver = await hub.as('a.bakker', 'klantgoedkeurder');
    otherApprover = await hub.as('p.visser', 'klantgoedkeurder');
    centraleAdministratie = await hub.as('c.smit', 'centrale-administratie');
    auditor = await hub.agentFor('auditor');
  });
  afterAll(async () => {
    await hub.stop();
  });

  const eventCount = async () => Number(await hub.runtime.store.headPosition());
  const today = () => calendarDateOf(new Date());
  const status = (agent: HttpAgent, id: string, body: object) => agent.post(`/api/clients/${id}/status`).send(body);

  /** Relation management asks for acceptance, naming the approver. */
  async function request(id: string, startStatus: string) {
    if (startStatus === 'Prospect') await status(relatiebeheer, id, { to: 'Klantaanvraag' }).expect(200);
    const pending = await status(relatiebeheer, id, { to: 'Ter goedkeuring', approverId: approver.principal }).expect(200);
    expect(pending.body.status).toBe('Ter goedkeuring');
  }

  describe('given the seven clients of the reference scenario with their Wwft data and engagements', () => {
    beforeAll(async () => {
      for (const client of holdingCluster.clients) {
        const response = await relatiebeheer.post('/api/clients').send(registrationBody(client)).expect(201);
        ids[client.ref] = response.body.id;
      }
      for (const client of holdingCluster.clients) {
        const id = ids[client.ref];
        await relatiebeheer.put(`/api/clients/${id}/wwft`).send(wwftRegistrationOf(client, ids)).expect(200);
        await relatiebeheer.post(`/api/clients/${id}/dossier/documents`).send(organogramDocumentOf(client.ref)).expect(201);
        for (const description of engagementsOf(client.ref)) {
          await relatiebeheer.post(`/api/clients/${id}/engagements`).send({ description, startDate: '2026-01-01' }).expect(201);
        }
      }
    });

    it('has a dossier for every client, with a complete Wwft registration due for review by its risk class', async () => {
      for (const client of holdingCluster.clients) {
        const completeness = await auditor.get(`/api/clients/${ids[client.ref]}/wwft/completeness`).expect(200);
        expect(completeness.body).toMatchObject({ complete: true, expired: false, missing: [] });
        const dossier = await auditor.get(`/api/clients/${ids[client.ref]}/dossier`).expect(200);
        expect(dossier.body.engagements.map((e: { description: string }) => e.description)).toEqual(engagementsOf(client.ref));
        expect(dossier.body.wwft.registration.risk.class).toBe('low');
        const reviewedFrom = dossier.body.wwft.reviewedFrom as string;
        expect(dossier.body.wwft.nextReviewDate).toBe(`${Number(reviewedFrom.slice(0, 4)) + 3}${reviewedFrom.slice(4)}`);
      }
      const holding = await auditor.get(`/api/clients/${ids.H}/dossier`).expect(200);
      expect(holding.body.wwft.registration).toMatchObject({
        identification: { kvkNumber: '61234567', legalForm: 'BV', verifiedWith: 'KvK-uittreksel 2026-11-01' },
        uboRegisterExtract: 'UBO-2026-110-H',
        ubos: [
          { name: 'Jan Pieter de Vries', clientId: ids.DGA1, percent: 50 },
          { name: 'Anna van den Berg', clientId: ids.DGA2, percent: 50 },
        ],
      });
    });

    it('takes each through Klantaanvraag, Ter goedkeuring and approval to Klant', async () => {
      for (const client of holdingCluster.clients) {
        const id = ids[client.ref];
        await request(id, client.startStatus);
        await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
        const klant = await status(centraleAdministratie, id, { to: 'Klant' }).expect(200);
        expect(klant.body).toMatchObject({ clientNumber: client.clientNumber, status: 'Klant' });
      }

      await hub.settle();
      const search = await auditor.get('/api/clients').query({ status: 'Klant', pageSize: 50 }).expect(200);
      expect(search.body.items.map((c: { clientNumber: string }) => c.clientNumber).sort()).toEqual(
        holdingCluster.clients.map((c) => c.clientNumber).sort(),
      );
    });

    it('records who took each step in the history', async () => {
      const history = await auditor.get(`/api/clients/${ids.H}/events`).expect(200);
      const steps = history.body
        .filter((e: { type: string }) => e.type === 'ClientStatusChanged' || e.type === 'ClientApproved')
        .map((e: { type: string; actor: string; data: { to?: string } }) => [e.data.to ?? e.type, e.actor]);
      expect(steps).toEqual([
        ['Klantaanvraag', 'key:r.jansen'],
        ['Ter goedkeuring', 'key:r.jansen'],
        ['ClientApproved', 'key:a.bakker'],
        ['Klant', 'key:c.smit'],
      ]);
    });

    it('keeps, once Klant, what each switched-on package needs: a change taking it away is refused by name and writes nothing', async () => {
      const holding = holdingCluster.clients.find((c) => c.ref === 'H')!;
      const dga = holdingCluster.clients.find((c) => c.ref === 'DGA1')!;
      const before = await eventCount();

      // When the RSIN Nextens keys the holding on is cleared
      const dropped = await relatiebeheer.patch(`/api/clients/${ids.H}`).send({ company: { rsin: null } }).expect(422);
      expect(dropped.body).toMatchObject({
        code: 'client.package-needs-unmet',
        clientStatus: 'Klant',
        missing: [{ package: 'nextens', field: 'company.rsin', message: 'nextens keys companies on their RSIN' }],
      });

      // When CaseWare Cloud, for companies only, is switched on for a person
      const switched = await relatiebeheer.put(`/api/clients/${ids.DGA1}/packages`).send({ packages: [...dga.packages, 'casewarecloud'] }).expect(422);
      expect(switched.body.missing).toEqual([expect.objectContaining({ package: 'casewarecloud', field: 'kind' })]);

      // Then nothing was written, and a change that keeps what the packages need is taken
      expect(await eventCount()).toBe(before);
      await relatiebeheer.patch(`/api/clients/${ids.H}`).send({ company: { ...holding.company, tradeName: 'VB Holding Utrecht' } }).expect(200);
    });

    it('lets an auditor read every history and dossier, and refuses the auditor every command', async () => {
      for (const ref of Object.keys(ids) as ClientRef[]) {
        await auditor.get(`/api/clients/${ids[ref]}/events`).expect(200);
        await auditor.get(`/api/clients/${ids[ref]}/dossier`).expect(200);
      }
      const before = await eventCount();
      const commands = registeredRoutes(hub.app).filter((route) => !route.startsWith('GET '));
      expect(commands.length).toBeGreaterThan(10);
      for (const route of commands) {
        const [method, path] = route.split(' ');
        const url = path.replace(/:\w+/g, ids.W1).replace(/\{[^}]*\}/g, '');
        // A route serving every method (the queue dashboard) is tried with a write.
        const verb = (method === 'ALL' ? 'post' : method.toLowerCase()) as 'post' | 'put' | 'patch' | 'delete';
        const refused = await auditor[verb](url).send({ to: 'Geen klant meer', endDate: '2026-12-31', decision: 'approved' });
        expect([route, refused.status, refused.body.code]).toEqual([route, 403, 'auth.forbidden']);
      }
      expect(await eventCount()).toBe(before);
    });

    it('extends the Wwft registration with a periodic review, by the risk class it then has', async () => {
      const reviewed = await relatiebeheer
        .post(`/api/clients/${ids.H}/wwft/reviews`)
        .send({ riskClass: 'medium', riskMotivation: 'New foreign subsidiary', notes: 'UBOs unchanged' })
        .expect(201);
      const { reviewedFrom, nextReviewDate, reviews, registration } = reviewed.body.wwft;
      expect(nextReviewDate).toBe(`${Number(reviewedFrom.slice(0, 4)) + 2}${reviewedFrom.slice(4)}`);
      expect(registration.risk).toEqual({ class: 'medium', motivation: 'New foreign subsidiary' });
      expect(reviews).toHaveLength(1);
      expect(reviewed.body.wwft.complete).toBe(true);
    });

    it('refuses a malformed Wwft registration with every violation, and writes nothing', async () => {
      const before = await eventCount();
      const refused = await relatiebeheer
        .put(`/api/clients/${ids.H}/wwft`)
        .send({ cdd: { level: 'thorough' }, ubos: [{ name: 'X', kind: 'owner', percent: 120 }], colour: 'blue' })
        .expect(400);
      expect(refused.body.violations.map((v: { field: string }) => v.field).sort()).toEqual(['cdd.level', 'colour', 'ubos.0.percent']);
      expect(await eventCount()).toBe(before);
    });

    it('refuses an end date before the day the client became Klant, writing nothing', async () => {
      const before = await eventCount();
      const refused = await status(centraleAdministratie, ids.W2, { to: 'Geen klant meer', endDate: '2019-01-01' }).expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'acceptance.end-date-before-klant', endDate: '2019-01-01', klantSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(await eventCount()).toBe(before);
      expect((await auditor.get(`/api/clients/${ids.W2}`).expect(200)).body.status).toBe('Klant');
    });

    it('refuses an open-ended end date such as 9999-12-31, writing nothing: it would make the data erasable at once', async () => {
      const before = await eventCount();
      const refused = await status(centraleAdministratie, ids.W2, { to: 'Geen klant meer', endDate: '9999-12-31' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'acceptance.end-date-too-far-ahead', endDate: '9999-12-31', latest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(await eventCount()).toBe(before);
      expect((await auditor.get(`/api/clients/${ids.W2}`).expect(200)).body.status).toBe('Klant');
    });

    it('ends a Klant as Geen klant meer with an end date and the retention dates', async () => {
      const endDate = today();
      const ended = await status(centraleAdministratie, ids.W2, { to: 'Geen klant meer', endDate, reason: 'activiteiten beëindigd' }).expect(200);
      expect(ended.body).toMatchObject({ status: 'Geen klant meer', endDate });
      expect((await auditor.get(`/api/clients/${ids.W2}`).expect(200)).body).toMatchObject({ status: 'Geen klant meer', endDate });
      const dossier = await auditor.get(`/api/clients/${ids.W2}/dossier`).expect(200);
      expect(dossier.body.acceptance.ended).toEqual({ endDate, ...retentionFrom(endDate) });
      const refused = await relatiebeheer.post(`/api/clients/${ids.W2}/engagements`).send({ description: 'Jaarrekening 2027' }).expect(422);
      expect(refused.body.code).toBe('dossier.closed');
    });

    it('shows the end of a relationship as recorded now (asAt) apart from when it takes effect (asOf)', async () => {
      // Given W1 ended today with an end date a month ahead
      const day = firmDays();
      const recordedBefore = await eventCount();
      await status(centraleAdministratie, ids.W1, { to: 'Geen klant meer', endDate: day(30) }).expect(200);
      const get = (query: object) => auditor.get(`/api/clients/${ids.W1}`).query(query).expect(200);
      // Then what the hub knew before the command was Klant, what it knows now is Geen klant meer
      expect((await get({ asAt: String(recordedBefore) })).body.status).toBe('Klant');
      expect((await get({ asAt: new Date().toISOString() })).body.status).toBe('Geen klant meer');
      // And in effect it stays Klant until the end date
      expect((await get({ asOf: day(0) })).body.status).toBe('Klant');
      expect((await get({ asOf: day(30) })).body.status).toBe('Geen klant meer');
      const history = await auditor.get(`/api/clients/${ids.W1}/events`).expect(200);
      expect(history.body.at(-1)).toMatchObject({ type: 'ClientStatusChanged', effectiveAt: day(30) });
    });
  });

  describe('given a client whose Wwft registration is not complete', () => {
    let id: string;

    beforeAll(async () => {
      const created = await relatiebeheer
        .post('/api/clients')
        .send({
          kind: 'company',
          clientNumber: '29010',
          searchName: 'HALFWAY',
          company: { legalForm: 'BV', statutoryName: 'Halfway B.V.', kvkNumber: '61239999' },
          address: { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
          packages: ['twinfield', 'pinkweb'],
        })
        .expect(201);
      id = created.body.id;
      await relatiebeheer
        .put(`/api/clients/${id}/wwft`)
        .send({ cdd: { level: 'standard', motivation: 'regular' }, identification: { verifiedWith: 'KvK-uittreksel' }, risk: { class: 'medium' } })
        .expect(200);
      await request(id, 'Prospect');
    });

    it('refuses an approval by a klantgoedkeurder the request is not addressed to', async () => {
      const refused = await otherApprover.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(403);
      expect(refused.body).toMatchObject({ code: 'acceptance.not-the-approver', approverId: approver.principal });
    });

    it('refuses Klant, naming every missing part at once, and writes nothing', async () => {
      await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
      const before = await eventCount();

      const refused = await status(centraleAdministratie, id, { to: 'Klant' }).expect(422);

      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('acceptance.not-ready-for-klant');
      expect(refused.body.missing.map((m: { item: string }) => m.item)).toEqual([
        'wwft.representatives',
        'wwft.ubos',
        'wwft.uboRegisterExtract',
        'wwft.purpose',
        'wwft.nature',
        'wwft.organogram',
        'wwft.screening.pep',
        'wwft.screening.sanctions',
        'wwft.risk.motivation',
        'engagements',
        'packages.twinfield.debtorNumber',
      ]);
      expect(refused.body.missing.every((m: { message: string }) => m.message.length > 0)).toBe(true);
      expect(await eventCount()).toBe(before);

      const completeness = await auditor.get(`/api/clients/${id}/wwft/completeness`).expect(200);
      expect(completeness.body.complete).toBe(false);
      expect(completeness.body.missing.map((m: { item: string }) => m.item)).toEqual(
        refused.body.missing.map((m: { item: string }) => m.item).filter((item: string) => item.startsWith('wwft.')),
      );
    });

    it('refuses a transition out of order, naming the allowed ones', async () => {
      const refused = await status(relatiebeheer, id, { to: 'Prospect' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'acceptance.transition-not-allowed', from: 'Ter goedkeuring', allowed: ['Klant', 'Klantaanvraag'] });
    });

    it('ends in Afgewezen when the approver rejects with a reason; the dossier stays', async () => {
      const rejected = await approver.post(`/api/clients/${id}/approval`).send({ decision: 'rejected', reason: 'UBO structure unclear' }).expect(200);
      expect(rejected.body.status).toBe('Afgewezen');
      const dossier = await auditor.get(`/api/clients/${id}/dossier`).expect(200);
      expect(dossier.body.wwft.registration.cdd.level).toBe('standard');
    });
  });

  describe('given a client the named approver has approved', () => {
    it('withdraws the approval when the dossier changes afterwards: Klant is refused until the approver approves the file as it now stands', async () => {
      // Given W2's registration and dossier under a number of its own, approved while low-risk
      const w2 = holdingCluster.clients.find((c) => c.ref === 'W2')!;
      const client = await relatiebeheer.post('/api/clients').send({ ...registrationBody(w2), clientNumber: '29521', debtorNumber: '29521' }).expect(201);
      const id = client.body.id as string;
      const lowRisk = wwftRegistrationOf(w2, ids);
      await relatiebeheer.put(`/api/clients/${id}/wwft`).send(lowRisk).expect(200);
      await relatiebeheer.post(`/api/clients/${id}/dossier/documents`).send(organogramDocumentOf('W2')).expect(201);
      await relatiebeheer.post(`/api/clients/${id}/engagements`).send({ description: 'Jaarrekening', startDate: '2026-01-01' }).expect(201);
      await request(id, w2.startStatus);
      await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);

      // When relation management then records a PEP hit with enhanced due diligence it signs off itself
      const hit = { result: 'hit', checkedAt: today() };
      await relatiebeheer
        .put(`/api/clients/${id}/wwft`)
        .send({
          ...lowRisk,
          cdd: { level: 'enhanced', motivation: 'PEP' },
          screening: { ...(lowRisk.screening as object), pep: hit },
          risk: { class: 'high', motivation: 'PEP' },
          enhanced: { sourceOfWealth: 'Inheritance', approvedBy: 'r.jansen', approvedOn: today() },
        })
        .expect(200);

      // Then Klant is refused for the approval alone, and nothing is written
      const before = await eventCount();
      const refused = await status(centraleAdministratie, id, { to: 'Klant' }).expect(422);
      expect(refused.body.missing).toEqual([
        { item: 'approval', message: `the file changed after ${approver.principal} approved it (Wwft registration); it needs their approval again` },
      ]);
      expect(await eventCount()).toBe(before);

      // And once the approver approves the changed file, Klant is taken
      await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
      await status(centraleAdministratie, id, { to: 'Klant' }).expect(200);
      const approvals = (await auditor.get(`/api/clients/${id}/events`).expect(200)).body.filter((e: { type: string }) => e.type === 'ClientApproved');
      expect(approvals).toHaveLength(2);
    });
  });

  describe('given a request whose approver cannot decide it (left the firm, say)', () => {
    it('lets relation management withdraw it with a reason and ask another approver, whom alone it then awaits', async () => {
      const id = (await relatiebeheer.post('/api/clients').send(companyRegistration('29531', 'Herzien')).expect(201)).body.id as string;
      await request(id, 'Prospect');

      const unexplained = await status(relatiebeheer, id, { to: 'Klantaanvraag' }).expect(400);
      expect(unexplained.body.violations).toEqual([{ field: 'reason', message: 'withdrawing a request for approval needs a reason' }]);
      const withdrawn = await status(relatiebeheer, id, { to: 'Klantaanvraag', reason: 'Approver on long leave' }).expect(200);
      expect(withdrawn.body.status).toBe('Klantaanvraag');
      await status(relatiebeheer, id, { to: 'Ter goedkeuring', approverId: otherApprover.principal }).expect(200);

      const formerApprover = await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(403);
      expect(formerApprover.body).toMatchObject({ code: 'acceptance.not-the-approver', approverId: otherApprover.principal });
      await otherApprover.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
      const steps = (await auditor.get(`/api/clients/${id}/events`).expect(200)).body
        .filter((e: { type: string }) => e.type === 'ClientStatusChanged')
        .map((e: { data: { to: string; reason?: string } }) => [e.data.to, e.data.reason]);
      expect(steps).toEqual([
        ['Klantaanvraag', undefined],
        ['Ter goedkeuring', undefined],
        ['Klantaanvraag', 'Approver on long leave'],
        ['Ter goedkeuring', undefined],
      ]);
    });
  });

  describe('given a client whose invoices go to a client the hours package does not have', () => {
    it('shows it in the readiness, refuses Klant until the target is linked to QicsMilestones with a debtor number, and afterwards refuses a target that is not, and the target leaving', async () => {
      // Given W2's registration, Wwft data and engagements under a number of its own, invoicing to a
      // client that is only in PinkWeb
      const w2 = holdingCluster.clients.find((c) => c.ref === 'W2')!;
      const target = await relatiebeheer.post('/api/clients').send(companyRegistration('29501', 'Factuur')).expect(201);
      const client = await relatiebeheer.post('/api/clients').send({ ...registrationBody(w2), clientNumber: '29502', debtorNumber: '29502' }).expect(201);
      const id = client.body.id as string;
      await relatiebeheer.put(`/api/clients/${id}/wwft`).send(wwftRegistrationOf(w2, ids)).expect(200);
      await relatiebeheer.post(`/api/clients/${id}/dossier/documents`).send(organogramDocumentOf('W2')).expect(201);
      await relatiebeheer.post(`/api/clients/${id}/engagements`).send({ description: 'Jaarrekening', startDate: '2026-01-01' }).expect(201);
      await relatiebeheer.put(`/api/clients/${id}/invoice-to`).send({ clientId: target.body.id }).expect(200);
      await request(id, w2.startStatus);
      await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);

      // Then the readiness says what QicsMilestones lacks, and Klant is refused for it alone
      const readiness = await relatiebeheer.get(`/api/clients/${id}/readiness`).expect(200);
      expect(readiness.body.packages.find((p: { package: string }) => p.package === 'qicsmilestones')).toEqual({
        package: 'qicsmilestones',
        ready: false,
        missing: [{ field: 'invoiceTo', message: 'qicsmilestones needs the invoice-to client 29501 there too, and it is not linked to qicsmilestones' }],
      });
      const refused = await status(centraleAdministratie, id, { to: 'Klant' }).expect(422);
      expect(refused.body.missing.map((m: { item: string }) => m.item)).toEqual(['packages.qicsmilestones.invoiceTo']);

      // When the target is linked to QicsMilestones with a debtor number, then Klant is taken
      await relatiebeheer.put(`/api/clients/${target.body.id}/packages`).send({ packages: ['pinkweb', 'qicsmilestones'], debtorNumber: '29501' }).expect(200);
      await status(centraleAdministratie, id, { to: 'Klant' }).expect(200);

      // And once Klant, a new target outside QicsMilestones is refused by the same rule, writing nothing
      const other = await relatiebeheer.post('/api/clients').send(companyRegistration('29503', 'Andere')).expect(201);
      const before = (await auditor.get(`/api/clients/${id}/events`).expect(200)).body.length;
      const moved = await relatiebeheer.put(`/api/clients/${id}/invoice-to`).send({ clientId: other.body.id }).expect(422);
      expect(moved.body).toMatchObject({
        code: 'invoice-to.target-not-in-package',
        package: 'qicsmilestones',
        detail: expect.stringContaining('29503 there too, and it is not linked to qicsmilestones'),
      });
      expect((await auditor.get(`/api/clients/${id}/events`).expect(200)).body).toHaveLength(before);

      // And the invoice-to client may not leave QicsMilestones while the Klant invoices to it there
      const targetEvents = (await auditor.get(`/api/clients/${target.body.id}/events`).expect(200)).body.length;
      const left = await relatiebeheer.put(`/api/clients/${target.body.id}/packages`).send({ packages: ['pinkweb'] }).expect(422);
      expect(left.body).toMatchObject({
        code: 'invoice-to.target-still-needed',
        invoicedBy: [{ clientId: id, clientNumber: '29502', package: 'qicsmilestones' }],
      });
      expect((await auditor.get(`/api/clients/${target.body.id}/events`).expect(200)).body).toHaveLength(targetEvents);
    });
  });

  describe('given a Klant whose invoices go to a client still in acceptance', () => {
    it('refuses rejecting that client until the Klant invoices elsewhere, and afterwards refuses it as an invoice-to client', async () => {
      // Given T in QicsMilestones awaiting approval, and W2 (under a number of its own) Klant, invoicing to T
      const w2 = holdingCluster.clients.find((c) => c.ref === 'W2')!;
      const target = (await relatiebeheer.post('/api/clients').send({ ...companyRegistration('29511', 'Afwijzing', ['qicsmilestones']), debtorNumber: '29511' }).expect(201)).body.id as string;
      const id = (await relatiebeheer.post('/api/clients').send({ ...registrationBody(w2), clientNumber: '29512', debtorNumber: '29512' }).expect(201)).body.id as string;
      await relatiebeheer.put(`/api/clients/${id}/wwft`).send(wwftRegistrationOf(w2, ids)).expect(200);
      await relatiebeheer.post(`/api/clients/${id}/dossier/documents`).send(organogramDocumentOf('W2')).expect(201);
      await relatiebeheer.post(`/api/clients/${id}/engagements`).send({ description: 'Jaarrekening', startDate: '2026-01-01' }).expect(201);
      await relatiebeheer.put(`/api/clients/${id}/invoice-to`).send({ clientId: target }).expect(200);
      await request(id, w2.startStatus);
      await approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
      await status(centraleAdministratie, id, { to: 'Klant' }).expect(200);
      await request(target, 'Prospect');

      // When T's approver rejects it
      const before = await eventCount();
      const refused = await approver.post(`/api/clients/${target}/approval`).send({ decision: 'rejected', reason: 'Geen passende opdracht' }).expect(422);

      // Then it is refused, naming the Klant whose hours-package pushes would wait for T for good, and nothing is written
      expect(refused.body).toMatchObject({
        code: 'invoice-to.target-still-needed',
        detail: expect.stringContaining('cannot be rejected while others invoice to it'),
        invoicedBy: [{ clientId: id, clientNumber: '29512', package: 'qicsmilestones' }],
      });
      expect(await eventCount()).toBe(before);

      // When the Klant invoices to itself again, then the rejection is taken
      await relatiebeheer.delete(`/api/clients/${id}/invoice-to`).expect(200);
      const rejected = await approver.post(`/api/clients/${target}/approval`).send({ decision: 'rejected', reason: 'Geen passende opdracht' }).expect(200);
      expect(rejected.body.status).toBe('Afgewezen');

      // And a rejected client is refused as its invoice-to client: it never reaches QicsMilestones
      const again = await relatiebeheer.put(`/api/clients/${id}/invoice-to`).send({ clientId: target }).expect(422);
      expect(again.body).toMatchObject({ code: 'invoice-to.target-not-in-package', detail: expect.stringContaining('rejected (Afgewezen)') });
    });
  });

  describe('given an ownership structure', () => {
    it('prefills the UBOs of a Wwft registration that names none, leaving their checks to be done', async () => {
      const [person, holding] = holdingCluster.clients.filter((c) => c.ref === 'DGA2' || c.ref === 'PH2');
      const dga = (await relatiebeheer.post('/api/clients').send({ ...registrationBody(person), clientNumber: '29031' }).expect(201)).body.id;
      const body = { ...registrationBody(holding), clientNumber: '29032' };
      const owned = (await relatiebeheer.post('/api/clients').send(body).expect(201)).body.id;
      const link = await relatiebeheer.post('/api/ownerships').send({ ownerId: dga, ownedId: owned, percent: 100 }).expect(201);

      await relatiebeheer
        .put(`/api/clients/${owned}/wwft`)
        .set('X-Min-Position', link.headers['x-event-position'])
        .send({ purpose: 'Jaarrekening' })
        .expect(200);

      const dossier = await auditor.get(`/api/clients/${owned}/dossier`).expect(200);
      expect(dossier.body.wwft.registration.ubos).toEqual([
        { name: 'Anna van den Berg', kind: 'owner', clientId: dga, percent: 100, indirect: false },
      ]);
      expect(dossier.body.wwft.missing.map((m: { item: string }) => m.item)).toEqual(
        expect.arrayContaining(['wwft.ubos.0.pep', 'wwft.ubos.0.sanctions']),
      );
    });
  });

  describe('requesting approval', () => {
    it('refuses an approver who is not a klantgoedkeurder', async () => {
      const body = { ...registrationBody(holdingCluster.clients[2]), clientNumber: '29020', searchName: 'NOAPPROVER', startStatus: 'Klantaanvraag' };
      const id = (await relatiebeheer.post('/api/clients').send(body).expect(201)).body.id;
      const refused = await status(relatiebeheer, id, { to: 'Ter goedkeuring', approverId: centraleAdministratie.principal }).expect(422);
      expect(refused.body).toMatchObject({ code: 'acceptance.approver-not-eligible', reason: 'not-klantgoedkeurder' });
    });

    it('given the approver named with the spaces a pasted id brings, then it is known and recorded trimmed', async () => {
      const body = { ...registrationBody(holdingCluster.clients[2]), clientNumber: '29021', searchName: 'PADDEDAPPROVER', startStatus: 'Klantaanvraag' };
      const id = (await relatiebeheer.post('/api/clients').send(body).expect(201)).body.id;

      await status(relatiebeheer, id, { to: 'Ter goedkeuring', approverId: ` ${approver.principal} ` }).expect(200);

      const history = await hub.http.get(`/api/clients/${id}/events`).expect(200);
      expect(history.body.at(-1)).toMatchObject({ type: 'ClientStatusChanged', data: { to: 'Ter goedkeuring', approverId: approver.principal } });
    });
  });
});
