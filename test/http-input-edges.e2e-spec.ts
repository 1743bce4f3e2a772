import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { Response } from 'supertest';
import { PACKAGE_NAMES } from '@koppelhub/domain';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { refusedWritingNothing } from './support/refused-writing-nothing';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const ADDRESS = { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' };
const UNKNOWN_CLIENT = '00000000-0000-4000-8000-000000000000';

describeOnPostgres('the edges of HTTP input: replays, unknown ids, bodies a route does not take (PostgreSQL)', () => {
  let hub: TestHub;
  let next = 43000;

  const company = (fields: Record<string, unknown> = {}) => ({
    kind: 'company',
    clientNumber: String(next++),
    searchName: 'ACME',
    company: { statutoryName: 'Acme B.V.' },
    address: ADDRESS,
    ...fields,
  });
  const register = async (fields: Record<string, unknown> = {}) =>
    (await hub.http.post('/api/clients').send(company(fields)).expect(201)).body.id as string;
  const positionOf = (response: Response) => response.headers['x-event-position'] as string | undefined;

  /** Sends the request and expects a problem with `status` and `code`, with no event appended anywhere. */
  async function expectRefused(send: () => PromiseLike<Response>, status: number, code: string): Promise<Response> {
    const response = await refusedWritingNothing(hub, send, status);
    expect(response.body.code).toBe(code);
    return response;
  }
  const violationsOf = (response: Response) => response.body.violations as { field: string; message: string }[];

  beforeAll(async () => {
    hub = await startTestHub('postgres');
  });
  afterAll(async () => {
    await hub.stop();
  });

  describe('an Idempotency-Key repeated', () => {
    it('given a keyed registration, when it is repeated, then the replay carries the same X-Event-Position', async () => {
      const body = company();
      const first = await hub.http.post('/api/clients').set('Idempotency-Key', `position-${body.clientNumber}`).send(body).expect(201);
      expect(Number(positionOf(first))).toBeGreaterThan(0);

      const before = await hub.runtime.store.headPosition();
      const again = await hub.http.post('/api/clients').set('Idempotency-Key', `position-${body.clientNumber}`).send(body).expect(201);

      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(positionOf(again)).toBe(positionOf(first));
      expect(again.body).toEqual(first.body);
      expect(await hub.runtime.store.headPosition()).toBe(before);
      // And the retry can read its own write with it
      await hub.http.get(`/api/clients?q=${body.clientNumber}`).set('X-Min-Position', positionOf(again)!).expect(200);
    });

    it('given an answer stored before positions were kept, when replayed, then it comes without X-Event-Position', async () => {
      const body = company();
      const key = `older-${body.clientNumber}`;
      const first = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);
      await hub.runtime.database.pool.query('update idempotency_keys set event_position = null where key = $1', [key]);

      const again = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);

      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(positionOf(again)).toBeUndefined();
      expect(again.body).toEqual(first.body);
    });

    it('given a keyed registration, when the same body comes again with its keys in another order, then it is replayed', async () => {
      const body = company();
      const key = `order-${body.clientNumber}`;
      const first = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);
      const reordered = {
        address: { country: 'NL', city: 'Utrecht', postcode: '1234 AB', houseNumber: '1', street: 'Teststraat' },
        company: { statutoryName: 'Acme B.V.' },
        searchName: body.searchName,
        clientNumber: body.clientNumber,
        kind: body.kind,
      };
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));

      const before = await hub.runtime.store.headPosition();
      const again = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(reordered).expect(201);

      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await hub.runtime.store.headPosition()).toBe(before);
    });

    it('given a keyed request, when a body with an array in another order comes with that key, then it is a different request', async () => {
      const body = company({ packages: ['pinkweb', 'nextens'] });
      const key = `array-${body.clientNumber}`;
      await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);

      await expectRefused(
        () => hub.http.post('/api/clients').set('Idempotency-Key', key).send({ ...body, packages: ['nextens', 'pinkweb'] }),
        422,
        'idempotency-key.reused',
      );
    });

    it('given an answer stored under the fingerprint used before bodies were read canonically, when repeated, then it is replayed', async () => {
      const body = company();
      const key = `legacy-${body.clientNumber}`;
      await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);
      const legacy = createHash('sha256').update(`POST /api/clients\n${JSON.stringify(body)}`).digest('hex');
      await hub.runtime.database.pool.query('update idempotency_keys set fingerprint = $2 where key = $1', [key, legacy]);

      const again = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);

      expect(again.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('a client that does not exist', () => {
    it('given an unknown client, when its sync status is read, then it is not found', async () => {
      const response = await hub.http.get(`/api/clients/${UNKNOWN_CLIENT}/sync`).expect(404);

      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'client.not-found', clientId: UNKNOWN_CLIENT });
    });

    it('given a client not pushed anywhere yet, when its sync status is read, then it has no deliveries', async () => {
      const id = await register();

      expect((await hub.http.get(`/api/clients/${id}/sync`).expect(200)).body).toEqual([]);
    });

    it('given a contact, when portal access to an unknown client is given, then the client is not found and nothing is written', async () => {
      const client = await register();
      const contact = (await hub.http.post(`/api/clients/${client}/contacts`).send({ surname: 'Jansen' }).expect(201)).body.id as string;

      const response = await expectRefused(
        () => hub.http.put(`/api/contacts/${contact}/portal-access`).send({ clientId: UNKNOWN_CLIENT }),
        404,
        'client.not-found',
      );
      expect(response.body.clientId).toBe(UNKNOWN_CLIENT);

      // While a client that exists, but where the contact has no registration, is still the domain rule
      const elsewhere = await register();
      await expectRefused(() => hub.http.put(`/api/contacts/${contact}/portal-access`).send({ clientId: elsewhere }), 422, 'portal.no-registration');
    });
  });

  describe('an id in a body written in capitals', () => {
    it('given a head’s id in capitals, when a member is attached, then it is attached to that head', async () => {
      const head = await register();
      const member = await register();
      await hub.http.put(`/api/clients/${head}/cluster-head`).expect(200);

      await hub.http.put(`/api/clients/${member}/cluster`).send({ headId: head.toUpperCase() }).expect(200);

      const view = await hub.http.get(`/api/clients/${member}/cluster`).set('X-Min-Position', String(await hub.runtime.store.headPosition())).expect(200);
      expect(view.body.head.id).toBe(head);
    });

    it('given client search held up, when a read asks for a position it has not reached in time, then a 503 problem says to try again', async () => {
      // Given client search unable to write (its table locked by someone else) while a client is registered
      const blocker = await hub.runtime.database.pool.connect();
      try {
        await blocker.query('begin');
        await blocker.query('lock table rm_client_search in share mode');
        const written = positionOf(await hub.http.post('/api/clients').send(company()).expect(201))!;

        const response = await hub.http.get('/api/clients').set('X-Min-Position', written).expect(503);

        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'read-models.behind', position: Number(written) });
        expect(response.headers['retry-after']).toBe('1');
      } finally {
        await blocker.query('rollback');
        blocker.release();
      }
    }, 15_000);

    it('given an owner’s id in capitals, when an ownership is recorded, then it is the same client', async () => {
      const owner = await register();
      const owned = await register();
      await hub.http.post('/api/ownerships').send({ ownerId: owner.toUpperCase(), ownedId: owned, percent: 60 }).expect(201);
      await expectRefused(() => hub.http.post('/api/ownerships').send({ ownerId: owner, ownedId: owned, percent: 60 }), 409, 'ownership.already-recorded');
    });
  });

  describe('headers the hub records or waits on', () => {
    it('given a reason percent-encoded beyond ASCII, then it is recorded as written; sent as raw UTF-8 bytes, it is refused and nothing is written', async () => {
      const id = await register();
      const reason = 'KvK – naamswijziging';
      await hub.http.patch(`/api/clients/${id}`).set('X-Reason', encodeURIComponent(reason)).send({ searchName: 'RENAMED' }).expect(200);
      const history = (await hub.http.get(`/api/clients/${id}/events`).expect(200)).body as { reason?: string }[];
      expect(history.at(-1)?.reason).toBe(reason);

      // The bytes of UTF-8 reach Node as Latin-1 characters: recorded, they would read 'KvK â\x80\x93 …'
      const raw = Buffer.from(reason, 'utf8').toString('latin1');
      const refused = await expectRefused(() => hub.http.patch(`/api/clients/${id}`).set('X-Reason', raw).send({ searchName: 'AGAIN' }), 400, 'validation-failed');
      expect(violationsOf(refused).map((v) => v.field)).toEqual(['X-Reason']);
    });

    it('given several malformed command headers, then one 400 names every one of them and nothing is written', async () => {
      const id = await register();
      const before = (await hub.http.get(`/api/clients/${id}/events`).expect(200)).body as unknown[];

      const refused = await expectRefused(
        () =>
          hub.http
            .patch(`/api/clients/${id}`)
            .set('Idempotency-Key', 'with spaces')
            .set('X-Correlation-Id', 'x'.repeat(201))
            .set('X-Causation-Id', 'fine-causation')
            .set('X-Reason', '%E2%80')
            .send({ searchName: 'NOT WRITTEN' }),
        400,
        'validation-failed',
      );

      expect(violationsOf(refused).map((v) => v.field)).toEqual(['Idempotency-Key', 'X-Correlation-Id', 'X-Reason']);
      expect((await hub.http.get(`/api/clients/${id}/events`).expect(200)).body).toHaveLength(before.length);
    });

    it('given a route that records no command headers, then only a malformed Idempotency-Key is refused there', async () => {
      const created = async (name: string) =>
        (await hub.http.post('/api/api-keys').send({ name, roles: ['auditor'] }).expect(201)).body.id as string;
      const first = await created(`headers-${randomUUID().slice(0, 8)}`);
      const second = await created(`headers-${randomUUID().slice(0, 8)}`);

      // A revocation records no reason: a header it would not record does not stop it
      await hub.http.delete(`/api/api-keys/${first}`).set('X-Reason', '%E2%80').set('X-Correlation-Id', 'a, b').expect(200);

      // A key it cannot honour does
      const refused = await expectRefused(
        () => hub.http.delete(`/api/api-keys/${second}`).set('Idempotency-Key', 'with spaces').set('X-Reason', '%E2%80'),
        400,
        'validation-failed',
      );
      expect(violationsOf(refused).map((v) => v.field)).toEqual(['Idempotency-Key']);
    });

    it.each(['', ' ', '0x10', '1e3', '+5', '-1', '12.0'])('given X-Min-Position %p, then it is refused as no whole number', async (header) => {
      const response = await hub.http.get('/api/clients').set('X-Min-Position', header).expect(400);
      expect(violationsOf(response)).toEqual([{ field: 'X-Min-Position', message: 'X-Min-Position must be a whole number' }]);
    });

    it('given a keyed Wwft registration with X-Min-Position 12a, then it is refused without taking the key: sent again with a valid one, it is recorded', async () => {
      const id = await register();
      const registration = { purpose: 'Jaarrekening', cdd: { level: 'standard' } };
      const put = (minPosition: string) =>
        hub.http.put(`/api/clients/${id}/wwft`).set('Idempotency-Key', 'w1').set('X-Min-Position', minPosition).send(registration);

      // When the registration is sent with a malformed X-Min-Position, then it is refused naming the header
      const refused = await expectRefused(() => put('12a'), 400, 'validation-failed');
      expect(violationsOf(refused)).toEqual([{ field: 'X-Min-Position', message: 'X-Min-Position must be a whole number' }]);

      // When the same request comes with the same key and a valid header, then it runs, not replaying the 400
      const recorded = await put(String(await hub.runtime.store.headPosition()));
      expect(recorded.status).toBe(200);
      expect(recorded.headers['idempotent-replayed']).toBeUndefined();
      const history = (await hub.http.get(`/api/clients/${id}/events`).expect(200)).body as { type: string }[];
      expect(history.filter((event) => event.type === 'WwftRegistrationRecorded')).toHaveLength(1);

      // And that answer is the key's from now on
      const repeated = await put(String(await hub.runtime.store.headPosition())).expect(200);
      expect(repeated.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('numbers in a query', () => {
    it.each([
      ['/api/clients', 'page', '0x10'],
      ['/api/clients', 'pageSize', '1e1'],
      ['/api/clients', 'page', ''],
      ['/api/audit/events', 'cursor', ' 5'],
      ['/api/audit/events', 'pageSize', '10.0'],
    ])('given %s?%s=%j, then it is refused as not a whole number', async (path, name, value) => {
      const response = await hub.http.get(path).query({ [name]: value }).expect(400);
      expect(violationsOf(response)).toEqual([{ field: name, message: `${name} must be an integer number` }]);
    });

    it('given whole numbers written as digits, then they are read', async () => {
      const response = await hub.http.get('/api/clients').query({ page: '2', pageSize: '05' }).expect(200);
      expect(response.body).toMatchObject({ page: 2, pageSize: 5 });
    });
  });

  describe('the public health check', () => {
    it('given a read model whose batch fails, then it says so without the error’s text, and stops once the batch goes through', async () => {
      // Given client search refusing a row (a check it cannot meet), so its batch fails
      const pool = hub.runtime.database.pool;
      await pool.query(`alter table rm_client_search add constraint refuse_health_probe check (search_name <> 'HEALTHPROBE')`);
      try {
        await hub.http.post('/api/clients').send(company({ searchName: 'HEALTHPROBE' })).expect(201);
        const searchOf = async () =>
          ((await hub.anonymous.get('/health').expect(200)).body.projections as { subscription: string; failing?: boolean }[])
            .find((p) => p.subscription === 'projection-client-search')!;
        const until = Date.now() + 10_000;
        while (!(await searchOf()).failing && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));

        // Then the check says it is failing, and names neither the table nor the constraint
        const health = await hub.anonymous.get('/health').expect(200);
        expect((await searchOf()).failing).toBe(true);
        expect(health.text).not.toMatch(/rm_client_search|refuse_health_probe|violates/);
      } finally {
        await pool.query('alter table rm_client_search drop constraint refuse_health_probe');
      }
      // And once the batch goes through, it no longer says so
      await hub.runtime.readModelsAt(await hub.runtime.store.headPosition(), 15_000);
      expect((await hub.anonymous.get('/health').expect(200)).body.projections.some((p: { failing?: boolean }) => p.failing)).toBe(false);
    }, 30_000);
  });

  describe('a sandbox listing outside embedded mode', () => {
    it('given a hub on a server database, when a sandbox listing is asked, then it is not found, saying where sandboxes run', async () => {
      const response = await hub.http.get('/sandbox/pinkweb/records').expect(404);

      expect(response.body).toMatchObject({ code: 'sync.no-sandbox', package: 'pinkweb', detail: expect.stringContaining('embedded mode') });
    });
  });

  describe('a package name in a path', () => {
    it('given a name no package has, when its failed push is retried, then it is a validation problem listing the valid names', async () => {
      const id = await register();

      const response = await expectRefused(() => hub.http.post(`/api/sync/failed/${id}/bogus/retry`), 400, 'validation-failed');

      expect(violationsOf(response)).toEqual([{ field: 'package', message: `package must be one of ${PACKAGE_NAMES.join(', ')}` }]);
      expect(JSON.stringify(response.body)).not.toContain('bogus');
    });

    it('given a valid name without a failed push, when it is retried, then there is nothing to retry', async () => {
      const id = await register();

      await expectRefused(() => hub.http.post(`/api/sync/failed/${id}/pinkweb/retry`), 404, 'sync.no-failed-push');
    });
  });

  describe('a body sent to a command that takes none', () => {
    const commands: Array<[string, (http: HttpAgent, ids: { client: string; contact: string }) => ReturnType<HttpAgent['post']>]> = [
      ['PUT /api/clients/:id/cluster-head', (http, { client }) => http.put(`/api/clients/${client}/cluster-head`)],
      ['DELETE /api/clients/:id/cluster-head', (http, { client }) => http.delete(`/api/clients/${client}/cluster-head`)],
      ['POST /api/clients/:id/personal-data/erasure', (http, { client }) => http.post(`/api/clients/${client}/personal-data/erasure`)],
      ['DELETE /api/contacts/:contactId', (http, { contact }) => http.delete(`/api/contacts/${contact}`)],
      ['POST /api/sync/failed/retry-all', (http) => http.post('/api/sync/failed/retry-all')],
      ['POST /api/audit/anchors', (http) => http.post('/api/audit/anchors')],
    ];
    const givenIds = async () => {
      const client = await register();
      const contact = (await hub.http.post(`/api/clients/${client}/contacts`).send({ surname: 'Jansen' }).expect(201)).body.id as string;
      return { client, contact };
    };
    const anchorCount = async () => (await hub.http.get('/api/audit/anchors').expect(200)).body.total as number;

    it.each(commands)('given fields, when %s is sent, then each field is refused and nothing is done', async (_, send) => {
      const ids = await givenIds();
      const anchors = await anchorCount();

      const response = await expectRefused(() => send(hub.http, ids).send({ x: 1, constructor: 2 }), 400, 'validation-failed');

      expect(violationsOf(response)).toEqual([
        { field: 'x', message: 'x should not exist' },
        { field: 'constructor', message: 'constructor should not exist' },
      ]);
      expect(await anchorCount()).toBe(anchors);
    });

    it.each(commands)('given an empty object or no body, when %s is sent, then it runs as before', async (_, send) => {
      const ids = await givenIds();

      for (const response of [await send(hub.http, ids).send({}), await send(hub.http, await givenIds())]) {
        expect(response.status).not.toBe(400);
        expect(response.status).toBeLessThan(500);
      }
    });

    it('given fields, when a cluster head is designated, then it is refused; with none, the client becomes head', async () => {
      const { client } = await givenIds();
      await expectRefused(() => hub.http.put(`/api/clients/${client}/cluster-head`).send({ x: 1 }), 400, 'validation-failed');

      const designated = await hub.http.put(`/api/clients/${client}/cluster-head`).send({}).expect(200);

      expect(Number(positionOf(designated))).toBeGreaterThan(0);
    });

    it('given a non-empty array, when a command without a body gets it, then the body as a whole is refused', async () => {
      const { client } = await givenIds();

      const response = await expectRefused(() => hub.http.put(`/api/clients/${client}/cluster-head`).send([1]), 400, 'validation-failed');

      expect(violationsOf(response)).toEqual([{ field: 'body', message: 'body should not exist' }]);
    });
  });

  describe('fields named after what every object inherits', () => {
    it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype'])(
      'given %s at the top level and in company, when a client is registered, then both are refused and nothing is written',
      async (name) => {
        const body = company();
        // Written as text: an object literal's `__proto__` would set its prototype, not a field.
        const json = JSON.stringify(body).replace(/^\{/, `{"${name}":1,`).replace('"company":{', `"company":{"${name}":"x",`);

        const response = await expectRefused(
          () => hub.http.post('/api/clients').set('Content-Type', 'application/json').send(json),
          400,
          'validation-failed',
        );

        expect(violationsOf(response)).toEqual([
          { field: name, message: `${name} should not exist` },
          { field: `company.${name}`, message: `${name} should not exist` },
        ]);
        expect((await hub.http.get(`/api/clients?q=${body.clientNumber}`).expect(200)).body.total).toBe(0);
      },
    );

    it('given such a field in a search query, then it is refused like an unknown field', async () => {
      const response = await hub.http.get('/api/clients?q=ACME&constructor=1').expect(400);

      expect(violationsOf(response)).toEqual([{ field: 'constructor', message: 'constructor should not exist' }]);
    });
  });

  describe('a request HTTP itself cannot take', () => {
    it('given a URL past 16 kB, when sent, then it is a 431 problem telling where long input goes, and nothing is written', async () => {
      const response = await expectRefused(() => hub.http.get(`/api/clients?q=${'x'.repeat(20_000)}`), 431, 'request.header-too-large');

      expect(response.body).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', detail: expect.stringContaining('JSON body') });
    });

    it('given a request line that is not HTTP, when sent over a socket, then it is a 400 problem', async () => {
      const server = hub.app.getHttpServer() as Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;

      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });

      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'request.malformed' });
    });
  });
});
