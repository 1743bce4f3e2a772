import { gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { refusedWritingNothing } from './support/refused-writing-nothing';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const ADDRESS = { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' };
const BSN = '111222333';

describeOnPostgres('malformed requests are refused as problems and write nothing (PostgreSQL)', () => {
  let hub: TestHub;
  let auditor: HttpAgent;
  let person: string;
  let company: string;
  let contact: string;
  let next = 41000;

  const register = async (body: Record<string, unknown>) =>
    (await hub.http.post('/api/clients').send({ clientNumber: String(next++), address: ADDRESS, ...body }).expect(201)).body.id as string;
  const personBody = (fields: Record<string, unknown> = {}) => ({
    kind: 'person',
    clientNumber: String(next++),
    searchName: 'VRIES',
    person: { surname: 'Vries', ...fields },
    address: ADDRESS,
  });
  const companyBody = (fields: Record<string, unknown> = {}) => ({
    kind: 'company',
    clientNumber: String(next++),
    searchName: 'ACME',
    company: { statutoryName: 'Acme B.V.', ...fields },
    address: ADDRESS,
  });
  const historyOf = async (clientId: string) => (await hub.http.get(`/api/clients/${clientId}/events`).expect(200)).body as unknown[];

  /** Sends the request and expects a 400 problem naming `field`, with no event appended anywhere. */
  async function expectRefused(send: () => PromiseLike<Response>, field: string): Promise<Response> {
    const response = await refusedWritingNothing(hub, send, 400);
    expect((response.body.violations as { field: string }[]).map((v) => v.field)).toContain(field);
    return response;
  }

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    auditor = await hub.agentFor('auditor');
    person = await register({ kind: 'person', searchName: 'PIET', person: { firstNames: 'Piet', surname: 'Post', dateOfBirth: '1970-01-01' } });
    company = await register({ kind: 'company', searchName: 'ACME', company: { statutoryName: 'Acme B.V.' } });
    contact = (await hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'Jansen' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await hub.stop();
  });

  describe('a single object sent as an array', () => {
    it.each([
      ['identification.idDocument', { identification: { idDocument: [], verifiedBy: 'relatiebeheer' } }],
      ['screening.pep', { screening: { pep: [] } }],
      ['screening.sanctions', { screening: { sanctions: [] } }],
      ['cdd', { cdd: [] }],
      ['identification', { identification: [] }],
      ['screening', { screening: [] }],
      ['risk', { risk: [] }],
      ['enhanced', { enhanced: [] }],
      ['ubos.0.pep', { ubos: [{ name: 'Piet Post', kind: 'pseudo', pep: [] }] }],
      ['ubos.0.sanctions', { ubos: [{ name: 'Piet Post', kind: 'pseudo', sanctions: [] }] }],
      ['representatives', { representatives: [[]] }],
    ])('given %s as an array, when the Wwft registration is recorded, then it is refused', async (field, body) => {
      await expectRefused(() => hub.http.put(`/api/clients/${person}/wwft`).send(body), field);

      // And the dossier still reads, with nothing recorded
      const dossier = await hub.http.get(`/api/clients/${person}/dossier`).expect(200);
      expect(dossier.body.wwft.missing).toEqual([{ item: 'wwft', message: 'no Wwft registration has been recorded' }]);
    });

    it('given a contact’s private data as an array, when the contact is registered, then it is refused', async () => {
      await expectRefused(
        () => hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'V', private: [{ email: 'a@b.nl' }] }),
        'private',
      );
    });

    it.each([
      ['person', { person: [{ surname: 'Vries' }] }],
      ['address', { address: [ADDRESS] }],
    ])('given the client’s %s as an array, when the client is registered, then it is refused', async (field, body) => {
      await expectRefused(() => hub.http.post('/api/clients').send({ ...personBody(), ...body }), field);
    });

    it('given a contact’s main as an array, when the contact is registered, then it is refused', async () => {
      await expectRefused(
        () => hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'V', main: [{ clientId: person }] }),
        'main',
      );
    });
  });

  describe('null sent for a field', () => {
    it.each([
      ['company.kvkNumber', companyBody({ kvkNumber: null })],
      ['company.kvkBranchNumber', companyBody({ kvkBranchNumber: null })],
      ['company.rsin', companyBody({ rsin: null })],
      ['company.vatId', companyBody({ vatId: null })],
      ['company.iban', companyBody({ iban: null })],
      ['company.legalForm', companyBody({ legalForm: null })],
      ['person.bsn', personBody({ bsn: null })],
      ['debtorNumber', { ...personBody(), debtorNumber: null }],
      ['packages', { ...personBody(), packages: null }],
    ])('given %s as null, when the client is registered, then it is refused', async (field, body) => {
      await expectRefused(() => hub.http.post('/api/clients').send(body), field);
    });

    it.each([
      ['searchName', { searchName: null }],
      ['packages', { packages: null }],
      ['person', { person: null }],
      ['address', { address: null }],
    ])('given %s as null, when the client is changed, then it is refused and its history is unchanged', async (field, body) => {
      const history = await historyOf(person);

      await expectRefused(() => hub.http.patch(`/api/clients/${person}`).send(body), field);

      expect(await historyOf(person)).toEqual(history);
    });

    it('given the e-mail as null, when a contact is registered, then it is refused', async () => {
      await expectRefused(() => hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'V', email: null }), 'email');
    });

    it.each([
      ['private.email', { private: { email: null } }],
      ['email', { email: null }],
      ['portal', { portal: null }],
      ['private', { private: null }],
    ])('given %s as null, when a contact is changed, then it is refused', async (field, body) => {
      await expectRefused(() => hub.http.patch(`/api/contacts/${contact}`).send(body), field);
    });
  });

  describe('a change is merged into the card', () => {
    it('given a person with a BSN, when only the surname is changed, then the BSN and the other person fields stay', async () => {
      const id = await register({ kind: 'person', searchName: 'MERGE', person: { initials: 'J.', surname: 'Vries', dateOfBirth: '1968-04-12', bsn: BSN } });

      await hub.http.patch(`/api/clients/${id}`).send({ person: { surname: 'Jansen' } }).expect(200);

      const card = await hub.http.get(`/api/clients/${id}`).query({ reveal: 'bsn' }).expect(200);
      expect(card.body.person).toMatchObject({ initials: 'J.', surname: 'Jansen', dateOfBirth: '1968-04-12', bsn: BSN });
    });

    it('given a company, when only its trade name is sent, then it changes without repeating the statutory name; null clears it again', async () => {
      const id = await register({ kind: 'company', searchName: 'MERGE', company: { statutoryName: 'Merge B.V.' } });

      await hub.http.patch(`/api/clients/${id}`).send({ company: { tradeName: 'Merge' } }).expect(200);
      expect((await hub.http.get(`/api/clients/${id}`).expect(200)).body.company).toMatchObject({ statutoryName: 'Merge B.V.', tradeName: 'Merge' });

      await hub.http.patch(`/api/clients/${id}`).send({ company: { tradeName: null } }).expect(200);
      expect((await hub.http.get(`/api/clients/${id}`).expect(200)).body.company).not.toHaveProperty('tradeName');
    });

    it.each([
      ['person.surname', { person: { surname: null } }],
      ['address.city', { address: { city: null } }],
      ['person.bsn', { person: { bsn: '123456789' } }],
    ])('given %s cleared or wrong in a change, then it is refused by name and nothing is written', async (field, body) => {
      const history = await historyOf(person);
      await expectRefused(() => hub.http.patch(`/api/clients/${person}`).send(body), field);
      expect(await historyOf(person)).toEqual(history);
    });
  });

  describe('a postcode in a change is checked against the card’s country', () => {
    const BRUSSELS = { street: 'Wetstraat', houseNumber: '16', postcode: '1000', city: 'Brussel', country: 'BE' };

    it('given a client in Belgium, when only its postcode is changed to a Belgian one, then it is accepted', async () => {
      const id = await register({ kind: 'company', searchName: 'BELGIE', company: { statutoryName: 'Belgie BV' }, address: BRUSSELS });

      await hub.http.patch(`/api/clients/${id}`).send({ address: { postcode: '1050' } }).expect(200);

      expect((await hub.http.get(`/api/clients/${id}`).expect(200)).body.address).toEqual({ ...BRUSSELS, postcode: '1050' });
    });

    it('given a client in the Netherlands, when only its postcode is changed to a foreign one, then it is refused by name', async () => {
      const id = await register({ kind: 'company', searchName: 'NEDERLAND', company: { statutoryName: 'Nederland B.V.' } });

      const refused = await expectRefused(() => hub.http.patch(`/api/clients/${id}`).send({ address: { postcode: '1050' } }), 'address.postcode');

      expect(refused.body.violations).toEqual([{ field: 'address.postcode', message: expect.stringContaining('1234 AB') }]);
    });

    it('given a foreign postcode past 20 characters, when registered or changed, then it is refused by name and nothing is written', async () => {
      const long = '1'.repeat(21);
      await expectRefused(() => hub.http.post('/api/clients').send({ ...companyBody(), address: { ...BRUSSELS, postcode: long } }), 'address.postcode');
      const id = await register({ kind: 'company', searchName: 'BELGIE2', company: { statutoryName: 'Belgie Twee BV' }, address: BRUSSELS });
      await expectRefused(() => hub.http.patch(`/api/clients/${id}`).send({ address: { postcode: long } }), 'address.postcode');
    });

    it('given a client in Belgium, when it moves to the Netherlands with a Belgian postcode, then it is refused at once', async () => {
      const id = await register({ kind: 'company', searchName: 'VERHUIS', company: { statutoryName: 'Verhuis BV' }, address: BRUSSELS });

      await expectRefused(() => hub.http.patch(`/api/clients/${id}`).send({ address: { postcode: '1050', country: 'NL' } }), 'address.postcode');
    });
  });

  describe('a UBO naming a client', () => {
    const naming = (clientId: string) => ({ ubos: [{ name: 'Piet Post', kind: 'owner', percent: 50, clientId }] });

    it('given a company as the UBO, then it is a 422 naming the rule and nothing is written', async () => {
      const before = await hub.runtime.store.headPosition();
      const refused = await hub.http.put(`/api/clients/${company}/wwft`).send(naming(company)).expect(422);
      expect(refused.body).toMatchObject({ code: 'wwft.ubo-not-a-person', clientId: company, field: 'ubos.0.clientId' });
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given a client id nobody has, then it is a 404 and nothing is written', async () => {
      const before = await hub.runtime.store.headPosition();
      const refused = await hub.http.put(`/api/clients/${company}/wwft`).send(naming('00000000-0000-4000-8000-000000000000')).expect(404);
      expect(refused.body).toMatchObject({ code: 'client.not-found' });
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given the person client, then the registration is recorded', async () => {
      await hub.http.put(`/api/clients/${company}/wwft`).send(naming(person)).expect(200);
    });
  });

  describe('a country that is not text', () => {
    it.each([[12], [['NL']], [{ code: 'NL' }]])('given country %j, when a client is registered, then it is refused', async (country) => {
      await expectRefused(() => hub.http.post('/api/clients').send({ ...personBody(), address: { ...ADDRESS, country } }), 'address.country');
    });

    it('given country 12, when a client’s address is changed, then it is refused', async () => {
      await expectRefused(() => hub.http.patch(`/api/clients/${person}`).send({ address: { ...ADDRESS, country: 12 } }), 'address.country');
    });

    it('given country ["NL"], when a contact’s private address is given, then it is refused', async () => {
      await expectRefused(
        () => hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'V', private: { address: { ...ADDRESS, country: ['NL'] } } }),
        'private.address.country',
      );
      await expectRefused(
        () => hub.http.patch(`/api/contacts/${contact}`).send({ private: { address: { ...ADDRESS, country: 12 } } }),
        'private.address.country',
      );
    });
  });

  describe('input PostgreSQL cannot store, or nested past any request', () => {
    it.each([
      ['company.statutoryName', () => companyBody({ statutoryName: 'Acme\u0000 B.V.' })],
      ['searchName', () => ({ ...companyBody(), searchName: 'AC\u0000ME' })],
      ['person.bsn', () => personBody({ bsn: `${BSN}\u0000` })],
    ])('given %s holding one, when a client is registered, then it is refused, not a server error', async (field, body) => {
      const response = await expectRefused(() => hub.http.post('/api/clients').send(body()), field);
      expect(response.text).not.toContain(BSN);
    });

    it('given one in a contact, a details change or a search, then each is refused naming the field', async () => {
      await expectRefused(() => hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'J\u0000' }), 'surname');
      await expectRefused(() => hub.http.patch(`/api/clients/${person}`).send({ address: { ...ADDRESS, city: 'Utrecht\u0000' } }), 'address.city');
      await expectRefused(() => hub.http.get('/api/clients').query({ q: 'a\u0000' }), 'q');
      await expectRefused(() => hub.http.get('/api/clusters').query({ q: '\u0000' }), 'q');
    });

    it('given text with an unpaired surrogate, when a client is registered, then it is refused naming the field', async () => {
      await expectRefused(() => hub.http.post('/api/clients').send({ ...companyBody(), searchName: 'AC\ud800ME' }), 'searchName');
    });

    it('given an object nested thousands of levels deep, then it is refused instead of exhausting the stack', async () => {
      const body = JSON.stringify({ ...companyBody(), company: 'DEEP' }).replace('"DEEP"', `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`);
      const response = await expectRefused(
        () => hub.http.post('/api/clients').set('Content-Type', 'application/json').send(body),
        `company${'.a'.repeat(15)}`,
      );
      expect(response.body.violations).toHaveLength(1);
    });

    it('given such an object sent with an Idempotency-Key, then it is refused the same way, not answered with a server error', async () => {
      const body = JSON.stringify({ ...companyBody(), company: 'DEEP' }).replace('"DEEP"', `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`);
      const send = (key?: string) => {
        const request = hub.http.post('/api/clients').set('Content-Type', 'application/json');
        return (key ? request.set('Idempotency-Key', key) : request).send(body);
      };
      // Given the refusal of such a body without a key
      const unkeyed = await expectRefused(() => send(), `company${'.a'.repeat(15)}`);

      // When it is sent with a key, then it is refused the same way and nothing is written
      const keyed = await expectRefused(() => send('deep-1'), `company${'.a'.repeat(15)}`);
      expect(keyed.body.code).toBe('validation-failed');
      expect(keyed.body.violations).toEqual(unkeyed.body.violations);
    });
  });

  describe('what a problem detail repeats of the request', () => {
    it('given a body that is not JSON and holds a BSN, then the problem says so without repeating the body', async () => {
      const before = await hub.runtime.store.headPosition();
      const body = `{"kind":"person","clientNumber":"41999","searchName":"V","person":{"surname":"V","bsn":“${BSN}”}}`;

      const response = await hub.http.post('/api/clients').set('Content-Type', 'application/json').send(body);

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'request.invalid-json', detail: 'the request body is not valid JSON' });
      expect(response.text).not.toContain(BSN);
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['form-encoded, as curl -d sends it', 'application/x-www-form-urlencoded'],
      ['sent without a Content-Type', undefined],
    ])('given a body that is %s, then it is a 415 problem that writes nothing and quotes nothing back', async (_, type) => {
      const before = await hub.runtime.store.headPosition();
      const text = JSON.stringify(personBody({ bsn: BSN }));
      const request = hub.http.post('/api/clients');
      const response = await (type ? request.set('Content-Type', type) : request.unset('Content-Type')).send(Buffer.from(text));

      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'request.not-json' });
      expect(response.text).not.toContain(BSN);
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given a Wwft registration sent as text/plain, then it is refused instead of recorded as an empty registration', async () => {
      const before = await hub.runtime.store.headPosition();
      const response = await hub.http
        .put(`/api/clients/${person}/wwft`)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ purpose: 'Aangifte inkomstenbelasting', cdd: { level: 'standard' } }));

      expect(response.status).toBe(415);
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given JSON sent as a structured +json type, then it is read as JSON', async () => {
      await hub.http.post('/api/clients').set('Content-Type', 'application/merge-patch+json').send(JSON.stringify(personBody())).expect(201);
    });

    it('given a body that does not decompress as its Content-Encoding says, then it is a 400 problem, not a server error', async () => {
      const before = await hub.runtime.store.headPosition();
      const json = JSON.stringify(personBody({ bsn: BSN }));
      const gzipped = gzipSync(json);
      for (const body of [Buffer.from(json), gzipped.subarray(0, gzipped.length - 12)]) {
        const response = await hub.http.post('/api/clients').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(body);

        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'request.invalid-encoding' });
        expect(response.text).not.toContain(BSN);
      }
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given an unknown route holding a BSN, then the 404 problem does not repeat the path', async () => {
      const response = await hub.http.get(`/api/persons/${BSN}`).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.text).not.toContain(BSN);
    });

    it('given a body larger than accepted, then the answer is a 413 problem, not a server error', async () => {
      const response = await hub.http.post('/api/clients').send({ ...personBody(), searchName: 'x'.repeat(200_000) });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'request.too-large' });
    });
  });

  describe('a percentage in exponent notation', () => {
    it.each([[1e-7], [5e-324]])('given percent %s for an ownership, then it is refused as a field violation, not a server error', async (percent) => {
      const owned = await register({ kind: 'company', searchName: 'DOCHTER', company: { statutoryName: 'Dochter B.V.' } });
      const response = await expectRefused(() => hub.http.post('/api/ownerships').send({ ownerId: company, ownedId: owned, percent }), 'percent');
      expect(response.body.violations).toContainEqual({ field: 'percent', message: 'percent must be a number with at most 2 decimals' });
    });

    it.each([[0], [-5], [100.01]])('given percent %s for an ownership, then it is refused beside the other field violations', async (percent) => {
      const response = await expectRefused(() => hub.http.post('/api/ownerships').send({ ownerId: 'nope', ownedId: company, percent }), 'percent');
      expect(response.body.violations.map((v: { field: string }) => v.field)).toEqual(['ownerId', 'percent']);
      expect(response.body.violations[1].message).toBe('percent must be more than 0 and at most 100');
    });

    it('given a UBO’s percent as 1e-7, when the Wwft registration is recorded, then it is refused', async () => {
      await expectRefused(() => hub.http.put(`/api/clients/${company}/wwft`).send({ ubos: [{ name: 'Piet Post', kind: 'owner', percent: 1e-7 }] }), 'ubos.0.percent');
    });
  });

  describe('query parameters', () => {
    it.each([['2026-W05'], ['2026-032'], ['2026-02-30'], ['20260101']])(
      'given from=%s, when the audit trail is read or exported, then it is refused',
      async (from) => {
        await expectRefused(() => auditor.get('/api/audit/events').query({ from }), 'from');
        await expectRefused(() => auditor.get('/api/audit/export').query({ to: from }), 'to');

        // While a calendar date and a date-time in UTC or with an offset are answered
        for (const valid of ['2026-01-01', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00.250+01:00']) {
          await auditor.get('/api/audit/events').query({ from: valid, to: '2999-01-01' }).expect(200);
        }
      },
    );

    it('given an audit cursor past any position, then it is refused', async () => {
      await expectRefused(() => auditor.get('/api/audit/events').query({ cursor: '1e300' }), 'cursor');
    });

    it.each([['1e18'], ['10001']])('given page=%s, when clients are searched, then it is refused', async (page) => {
      await expectRefused(() => hub.http.get('/api/clients').query({ page }), 'page');
    });
  });
});
