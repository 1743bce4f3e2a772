import type { Response } from 'supertest';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { registeredRoutes } from './support/registered-routes';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const ADDRESS = { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' };
const BSN = '111222333';

describeOnPostgres('query parameters a route does not read are refused, the ones it reads are validated (PostgreSQL)', () => {
  let hub: TestHub;
  let auditor: HttpAgent;
  let person: string;
  let company: string;
  let contact: string;

  /** Expects a 400 problem whose violations name exactly `fields`, each as an unknown field when `unknown`. */
  function expectRefused(response: Response, fields: string[], unknown = true): void {
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('validation-failed');
    const violations = response.body.violations as { field: string; message: string }[];
    expect(violations.map((v) => v.field).sort()).toEqual([...fields].sort());
    if (unknown) for (const { field, message } of violations) expect(message).toMatch(new RegExp(`^${field} should not exist$`));
  }

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    auditor = await hub.agentFor('auditor');
    const register = async (body: Record<string, unknown>) =>
      (await hub.http.post('/api/clients').send({ address: ADDRESS, ...body }).expect(201)).body.id as string;
    person = await register({ kind: 'person', clientNumber: '43001', searchName: 'PIET', person: { surname: 'Post', bsn: BSN } });
    company = await register({ kind: 'company', clientNumber: '43002', searchName: 'ACME', company: { statutoryName: 'Acme B.V.' } });
    contact = (await hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'Jansen' }).expect(201)).body.id;
    await hub.settle();
  });
  afterAll(async () => {
    await hub.stop();
  });

  describe('routes without a query of their own', () => {
    const cases: [string, (ids: { person: string; company: string }) => string, Record<string, string>][] = [
      ['a client’s history', ({ person }) => `/api/clients/${person}/events`, { asAt: '1', page: '-1' }],
      ['a client’s readiness', ({ company }) => `/api/clients/${company}/readiness`, { foo: '1' }],
      ['the API keys', () => '/api/api-keys', { foo: '1' }],
      ['the audit verification', () => '/api/audit/verify', { foo: '1' }],
      ['a client’s sync status', ({ company }) => `/api/clients/${company}/sync`, { foo: '1' }],
    ];

    it.each(cases)('given %s, when asked with parameters it does not read, then each is refused by name', async (_name, url, query) => {
      const refused = await hub.http.get(url({ person, company })).query(query);

      expectRefused(refused, Object.keys(query));
    });

    it.each(cases)('given %s, when asked without parameters, then it answers', async (_name, url) => {
      await hub.http.get(url({ person, company })).expect(200);
    });

    it('given a client’s history, when asked to reveal the BSN, then it still does, and `reveal` is checked', async () => {
      const history = await hub.http.get(`/api/clients/${person}/events`).query({ reveal: 'bsn' }).expect(200);
      expect(history.body[0].data.details.person.bsn).toBe(BSN);

      const refused = await hub.http.get(`/api/clients/${person}/events`).query({ reveal: 'bsn', page: '2' });
      expectRefused(refused, ['page']);
      const unknownField = await hub.http.get(`/api/clients/${person}/events`).query({ reveal: 'dateOfBirth' });
      expectRefused(unknownField, ['reveal'], false);
    });

    it('given a route that shows no personal data, when asked to reveal, then `reveal` is told it shows none', async () => {
      const refused = await hub.http.get(`/api/clients/${company}/dossier`).query({ reveal: 'bsn' }).expect(400);
      expect(refused.body.violations).toEqual([{ field: 'reveal', message: 'this route shows no personal data to reveal' }]);
    });

    it('given a parameter named after a prototype member or sent twice, when a route without a query is asked, then it is refused once', async () => {
      const refused = await hub.http.get(`/api/clients/${company}/readiness?constructor=1&__proto__=x&page=1&page=2`);

      expectRefused(refused, ['constructor', '__proto__', 'page']);
    });

    it('given a command, when sent with a parameter it does not read, then it is refused and nothing is written', async () => {
      const before = await hub.runtime.store.headPosition();

      const refused = await hub.http.patch(`/api/clients/${company}`).query({ dryRun: 'true' }).send({ searchName: 'NEWNAME' });

      expectRefused(refused, ['dryRun']);
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given a route the router serves, when asked with an unknown parameter, then it is refused by name', async () => {
      // Every route but the queue dashboard, which takes the whole request and hands it on as it came.
      const routes = registeredRoutes(hub.app).filter((route) => !route.includes('/admin/queues'));
      const answers: string[] = [];
      for (const route of routes) {
        const [method, path] = route.split(' ');
        const url = path.replace(':contactId', contact).replace(':package', 'twinfield').replace(/:\w+/g, company);
        const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const response = await hub.http[verb](url).query({ unreadParameter: '1' });
        const named = (response.body.violations ?? []) as { field: string }[];
        answers.push(`${route}: ${response.status} ${named.map((v) => v.field).join(',')}`);
      }

      expect(answers).toEqual(routes.map((route) => `${route}: 400 unreadParameter`));
    });
  });

  describe('routes whose query is a DTO', () => {
    it('given a search, when every parameter it reads is sent, then it answers', async () => {
      const found = await hub.http.get('/api/clients').query({ q: 'ACME', status: 'Prospect', kind: 'company', page: '1', pageSize: '5' }).expect(200);
      expect(JSON.stringify(found.body)).toContain(company);
      await hub.http.get('/api/clusters').query({ q: 'ACME', page: '1', pageSize: '5' }).expect(200);
    });

    it('given clients of both kinds in two statuses, when searched by status or by kind, then exactly the matching ones are found', async () => {
      // Given four clients of this test's own, found together by their search name
      const register = async (clientNumber: string, kind: 'company' | 'person', startStatus: string) => {
        const card = kind === 'company' ? { company: { statutoryName: `Filter ${clientNumber} B.V.` } } : { person: { surname: 'Vink' } };
        const body = { kind, clientNumber, startStatus, searchName: `FILTERED${clientNumber}`, address: ADDRESS, ...card };
        await hub.http.post('/api/clients').send(body).expect(201);
      };
      await register('43101', 'company', 'Prospect');
      await register('43102', 'company', 'Klantaanvraag');
      await register('43103', 'person', 'Prospect');
      await register('43104', 'person', 'Klantaanvraag');
      await hub.settle();
      const found = async (filter: Record<string, string>) => {
        const page = await hub.http.get('/api/clients').query({ q: 'FILTERED', ...filter }).expect(200);
        return (page.body.items as { clientNumber: string }[]).map((c) => c.clientNumber).sort();
      };
      expect(await found({})).toEqual(['43101', '43102', '43103', '43104']);

      // When filtered by status, then only the clients in it are found
      expect(await found({ status: 'Prospect' })).toEqual(['43101', '43103']);
      expect(await found({ status: 'Klantaanvraag' })).toEqual(['43102', '43104']);

      // When filtered by kind, then only the clients of that kind are found
      expect(await found({ kind: 'company' })).toEqual(['43101', '43102']);
      expect(await found({ kind: 'person' })).toEqual(['43103', '43104']);

      // When filtered by both, then only the client matching both is found
      expect(await found({ status: 'Klantaanvraag', kind: 'person' })).toEqual(['43104']);
    });

    it('given a search, when sent an unknown or malformed parameter, then each is refused by name', async () => {
      expectRefused(await hub.http.get('/api/clients').query({ foo: '1' }), ['foo']);
      expectRefused(await hub.http.get('/api/clients').query({ page: '-1' }), ['page'], false);
      expectRefused(await hub.http.get('/api/clusters').query({ pageSize: '100000' }), ['pageSize'], false);
    });

    it('given the paged firm-wide lists, when paged, then they answer; an unknown or malformed parameter is refused by name', async () => {
      const users = await hub.http.get('/api/portal-users').query({ page: '1', pageSize: '5' }).expect(200);
      expect(users.body).toMatchObject({ page: 1, pageSize: 5, items: expect.any(Array), problems: expect.any(Array) });
      const failed = await hub.http.get('/api/sync/failed').query({ page: '2', pageSize: '5', package: 'twinfield' }).expect(200);
      expect(failed.body).toEqual({ items: [], total: 0, page: 2, pageSize: 5 });

      expectRefused(await hub.http.get('/api/portal-users').query({ foo: '1' }), ['foo']);
      expectRefused(await hub.http.get('/api/portal-users').query({ page: '-1' }), ['page'], false);
      expectRefused(await hub.http.get('/api/sync/failed').query({ foo: 'bar' }), ['foo']);
      expectRefused(await hub.http.get('/api/sync/failed').query({ pageSize: '100000', package: 'exact' }), ['pageSize', 'package'], false);
      expectRefused(await hub.http.get('/api/audit/anchors').query({ page: '-1' }), ['page'], false);
      expectRefused(await hub.http.get('/api/audit/anchors').query({ foo: '1' }), ['foo']);
    });

    it('given a client with four events and a contact with three, when their histories are paged, then each page holds its part and a Link names the next', async () => {
      // Given a client designated head, revoked and designated again, and a contact changed twice
      const body = { kind: 'company', clientNumber: '43301', searchName: 'HISTORY', company: { statutoryName: 'History B.V.' }, address: ADDRESS };
      const client = (await hub.http.post('/api/clients').send(body).expect(201)).body.id as string;
      await hub.http.put(`/api/clients/${client}/cluster-head`).expect(200);
      await hub.http.delete(`/api/clients/${client}/cluster-head`).expect(200);
      await hub.http.put(`/api/clients/${client}/cluster-head`).expect(200);
      const person = (await hub.http.post(`/api/clients/${client}/contacts`).send({ surname: 'Eerst' }).expect(201)).body.id as string;
      for (const surname of ['Tweede', 'Derde']) await hub.http.patch(`/api/contacts/${person}`).send({ surname }).expect(200);
      const versions = (response: Response) => (response.body as { version: number }[]).map((entry) => entry.version);
      // The Link is relative to the request: its query only.
      const nextPage = (path: string, response: Response) => {
        const next = new URL(/^<([^>]+)>; rel="next"$/.exec(response.headers.link)![1], `http://hub${path}`);
        return `${next.pathname}${next.search}`;
      };

      // When the client's history is read three events at a time
      const first = await hub.http.get(`/api/clients/${client}/events`).query({ pageSize: '3', reveal: 'bsn' }).expect(200);
      // Then the first page holds versions 1 to 3 and names the next, the request's own query kept
      expect(versions(first)).toEqual([1, 2, 3]);
      expect(first.headers.link).toBe('<?pageSize=3&reveal=bsn&fromVersion=4>; rel="next"');
      // And the page it names holds the fourth, and is the last
      const next = await hub.http.get(nextPage(`/api/clients/${client}/events`, first)).expect(200);
      expect(versions(next)).toEqual([4]);
      expect(next.headers.link).toBeUndefined();
      // And without paging the whole history is one page; past its end a page is empty
      expect(versions(await auditor.get(`/api/clients/${client}/events`).expect(200))).toEqual([1, 2, 3, 4]);
      expect(versions(await auditor.get(`/api/clients/${client}/events`).query({ fromVersion: '9' }).expect(200))).toEqual([]);

      // And the contact's history pages alike
      const contactFirst = await auditor.get(`/api/contacts/${person}/events`).query({ pageSize: '2' }).expect(200);
      expect(versions(contactFirst)).toEqual([1, 2]);
      const contactNext = await auditor.get(nextPage(`/api/contacts/${person}/events`, contactFirst)).expect(200);
      expect(contactNext.body.map((entry: { type: string }) => entry.type)).toEqual(['ContactChanged']);
      expect(contactNext.headers.link).toBeUndefined();

      // And a client or contact that does not exist is not found on any page; bad paging is refused by name
      await auditor.get('/api/clients/00000000-0000-4000-8000-000000000000/events').query({ fromVersion: '2' }).expect(404);
      await auditor.get('/api/contacts/00000000-0000-4000-8000-000000000000/events').expect(404);
      expectRefused(await auditor.get(`/api/clients/${client}/events`).query({ fromVersion: '0', pageSize: '1001' }), ['fromVersion', 'pageSize'], false);
      expectRefused(await auditor.get(`/api/contacts/${person}/events`).query({ pageSize: 'all' }), ['pageSize'], false);
      // And a body, which neither reads, is refused too
      expectRefused(await auditor.get(`/api/clients/${client}/events`).send({ fromVersion: 2 }), ['fromVersion']);
    });

    it('given a client with three contacts, when its contacts are paged, then each page holds its part and the total', async () => {
      const body = { kind: 'company', clientNumber: '43201', searchName: 'PAGED', company: { statutoryName: 'Paged B.V.' }, address: ADDRESS };
      const client = (await hub.http.post('/api/clients').send(body).expect(201)).body.id as string;
      let position = '';
      for (const surname of ['Aalders', 'Bakker', 'Claes']) {
        position = (await hub.http.post(`/api/clients/${client}/contacts`).send({ surname }).expect(201)).headers['x-event-position'] as string;
      }
      const page = (n: string) => hub.http.get(`/api/clients/${client}/contacts`).set('X-Min-Position', position).query({ page: n, pageSize: '2' }).expect(200);

      const [first, second] = [await page('1'), await page('2')];

      expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect([...first.body.items, ...second.body.items].map((c: { surname: string }) => c.surname)).toEqual(['Aalders', 'Bakker', 'Claes']);
      expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expectRefused(await hub.http.get(`/api/clients/${client}/contacts`).query({ page: '-1' }), ['page'], false);
      expectRefused(await hub.http.get(`/api/clients/${client}/contacts`).query({ foo: '1' }), ['foo']);
    });

    it('given a client card, when read at a point in time or with its BSN revealed, then it answers', async () => {
      await hub.http.get(`/api/clients/${person}`).query({ asAt: new Date().toISOString() }).expect(200);
      await hub.http.get(`/api/clients/${person}`).query({ asOf: '2999-01-01' }).expect(200);
      const card = await hub.http.get(`/api/clients/${person}`).query({ reveal: 'bsn' }).expect(200);
      expect(card.body.person.bsn).toBe(BSN);
      expectRefused(await hub.http.get(`/api/clients/${person}`).query({ page: '1' }), ['page']);
    });

    it('given a cluster, when read at a point in time, then the parameter is read (not refused)', async () => {
      const answer = await hub.http.get(`/api/clients/${company}/cluster`).query({ asAt: new Date().toISOString() });
      expect(answer.status).not.toBe(400);
      expectRefused(await hub.http.get(`/api/clients/${company}/cluster`).query({ foo: '1' }), ['foo']);
    });

    it('given the audit log, when filtered, paged by cursor and exported, then it answers', async () => {
      const page = await auditor
        .get('/api/audit/events')
        .query({ clientId: company, type: 'ClientRegistered', actor: 'key:e2e-admin', from: '2000-01-01', to: '2999-01-01', cursor: '0', pageSize: '10' })
        .expect(200);
      expect(page.body.total).toBe(1);
      const csv = await auditor.get('/api/audit/export').query({ format: 'csv', clientId: company }).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expectRefused(await auditor.get('/api/audit/events').query({ page: '2' }), ['page']);
      expectRefused(await auditor.get('/api/audit/export').query({ format: 'xml' }), ['format'], false);
    });
  });
});
