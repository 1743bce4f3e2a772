import { loadJose } from '../apps/api/src/auth/jose';
import { startTestHub, type TestHub } from './support/test-hub';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

async function token(claims: Record<string, unknown>, options: { secret?: string; expiresIn?: string } = {}) {
  const { SignJWT } = await loadJose();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const company = (clientNumber: string) => ({
  kind: 'company',
  clientNumber,
  searchName: `AUTH${clientNumber}`,
  company: { legalForm: 'BV', statutoryName: `Auth ${clientNumber} B.V.` },
  address: { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
});

describe('authentication', () => {
  describe('with API keys', () => {
    let hub: TestHub;
    beforeAll(async () => {
      hub = await startTestHub('pglite');
    });
    afterAll(async () => {
      await hub.stop();
    });

    it('creates a key once, lists it without its secret, and stops accepting it once revoked', async () => {
      const created = await hub.http.post('/api/api-keys').send({ name: 'twinfield-connector', roles: ['connector'] }).expect(201);
      expect(created.body).toMatchObject({ name: 'twinfield-connector', roles: ['connector'], principal: 'key:twinfield-connector', createdBy: 'key:e2e-admin' });
      const key = created.body.key as string;
      expect(key).toMatch(/^kh_[\w-]{43}$/);

      const listed = await hub.http.get('/api/api-keys').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(key);
      expect(listed.body.items.map((k: { name: string }) => k.name)).toContain('twinfield-connector');
      const stored = await hub.runtime.database.pool.query('select key_hash from api_keys where name = $1', ['twinfield-connector']);
      expect(stored.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);

      // A connector key authenticates (and is then refused the back-office routes).
      await hub.anonymous.get('/api/clients').set('X-API-Key', key).expect(403);
      await hub.http.delete(`/api/api-keys/${created.body.id.toUpperCase()}`).expect(200);
      const revoked = await hub.anonymous.get('/api/clients').set('X-API-Key', key).expect(401);
      expect(revoked.body.code).toBe('auth.invalid-api-key');
      await hub.http.delete(`/api/api-keys/${created.body.id}`).expect(404);
    });

    it('given more keys than a page holds, when they are listed page by page, then each page holds its share, oldest first, with the total', async () => {
      const names = ['paged-a', 'paged-b', 'paged-c'];
      for (const name of names) await hub.http.post('/api/api-keys').send({ name, roles: ['auditor'] }).expect(201);
      const all = (await hub.http.get('/api/api-keys').query({ pageSize: 100 }).expect(200)).body as { items: { name: string }[]; total: number };
      const pageSize = 2;

      const pages = [];
      for (let page = 1; page <= Math.ceil(all.total / pageSize); page++) {
        pages.push((await hub.http.get('/api/api-keys').query({ page, pageSize }).expect(200)).body);
      }

      expect(all.total).toBe(all.items.length);
      expect(all.items.map((key) => key.name)).toEqual(expect.arrayContaining(names));
      expect(pages.every((page) => page.total === all.total && page.pageSize === pageSize)).toBe(true);
      expect(pages.flatMap((page) => page.items.map((key: { name: string }) => key.name))).toEqual(all.items.map((key) => key.name));
      expect(pages.at(-1).items.length).toBeLessThanOrEqual(pageSize);
      await hub.http.get('/api/api-keys').query({ pageSize: 101 }).expect(400);
    });

    it('keeps a new key out of the idempotency store, so the secret never rests in the database', async () => {
      const created = await hub.http.post('/api/api-keys').set('Idempotency-Key', 'key-once').send({ name: 'once', roles: ['auditor'] }).expect(201);
      const { rows } = await hub.runtime.database.pool.query('select body from idempotency_keys');
      expect(JSON.stringify(rows)).not.toContain(created.body.key);
      await hub.http.post('/api/api-keys').set('Idempotency-Key', 'key-once').send({ name: 'once', roles: ['auditor'] }).expect(409);
    });

    it('refuses a new key asked for with a malformed Idempotency-Key, and makes none', async () => {
      const refused = await hub.http.post('/api/api-keys').set('Idempotency-Key', 'has spaces').send({ name: 'malformed-key', roles: ['auditor'] }).expect(400);
      expect(refused.body.violations.map((v: { field: string }) => v.field)).toEqual(['Idempotency-Key']);
      const listed = (await hub.http.get('/api/api-keys').query({ pageSize: 100 }).expect(200)).body as { items: { name: string }[] };
      expect(listed.items.map((k) => k.name)).not.toContain('malformed-key');
    });

    it('refuses a second active key with the same name', async () => {
      await hub.http.post('/api/api-keys').send({ name: 'twice', roles: ['auditor'] }).expect(201);
      const refused = await hub.http.post('/api/api-keys').send({ name: 'twice', roles: ['auditor'] }).expect(409);
      expect(refused.body.code).toBe('api-key.name-taken');
    });

    it('refuses unknown roles and names', async () => {
      const refused = await hub.http.post('/api/api-keys').send({ name: 'has spaces', roles: ['superuser'] }).expect(400);
      expect(refused.body.violations.map((v: { field: string }) => v.field).sort()).toEqual(['name', 'roles']);
    });

    it('refuses bearer tokens when none are configured, and ambiguous credentials', async () => {
      const bearer = await hub.anonymous.get('/api/clients').set('Authorization', `Bearer ${await token({ sub: 'x', roles: ['admin'] })}`);
      expect(bearer.status).toBe(401);
      expect(bearer.body.code).toBe('auth.bearer-not-accepted');
      const both = await hub.anonymous.get('/api/clients').set('X-API-Key', 'x').set('Authorization', 'Bearer y').expect(401);
      expect(both.body.code).toBe('auth.ambiguous-credentials');
    });

    it('ignores X-Actor: the actor is always the authenticated principal', async () => {
      const created = await hub.http.post('/api/clients').set('X-Actor', 'someone.else').send(company('31001')).expect(201);
      const history = await hub.http.get(`/api/clients/${created.body.id}/events`).expect(200);
      expect(history.body[0].actor).toBe('key:e2e-admin');
    });

    it('sets the helmet security headers', async () => {
      const response = await hub.anonymous.get('/health').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('with bearer tokens (HS256)', () => {
    let hub: TestHub;
    beforeAll(async () => {
      hub = await startTestHub('pglite', { JWT_SECRET: SECRET, JWT_ISSUER: 'https://login.firm.test', JWT_AUDIENCE: 'koppelhub' });
    });
    afterAll(async () => {
      await hub.stop();
    });

    const claims = (sub: string, roles: string[]) => ({ sub, roles, iss: 'https://login.firm.test', aud: 'koppelhub' });

    it('takes the principal from sub and the roles from the roles claim', async () => {
      const bearer = `Bearer ${await token(claims('m.dekker@firm.test', ['relatiebeheer', 'not-a-role']))}`;
      const created = await hub.anonymous.post('/api/clients').set('Authorization', bearer).send(company('32001')).expect(201);
      const history = await hub.http.get(`/api/clients/${created.body.id}/events`).expect(200);
      expect(history.body[0].actor).toBe('m.dekker@firm.test');
      await hub.anonymous.get('/api/api-keys').set('Authorization', bearer).expect(403);
    });

    it.each([
      ['an expired token', () => token(claims('u', ['admin']), { expiresIn: '-1m' })],
      ['another secret', () => token(claims('u', ['admin']), { secret: 'another-secret-of-at-least-32-characters' })],
      ['another audience', () => token({ ...claims('u', ['admin']), aud: 'other' })],
      ['a key principal as subject', () => token(claims('key:e2e-admin', ['admin']))],
    ])('refuses %s', async (_, make) => {
      const refused = await hub.anonymous.get('/api/clients').set('Authorization', `Bearer ${await make()}`).expect(401);
      expect(refused.body.code).toBe('auth.invalid-token');
    });

    it('lets a request name a token user as approver once that user has signed in', async () => {
      const requester = `Bearer ${await token(claims('m.dekker@firm.test', ['relatiebeheer']))}`;
      const approverToken = `Bearer ${await token(claims('j.vos@firm.test', ['klantgoedkeurder']))}`;
      const created = await hub.anonymous.post('/api/clients').set('Authorization', requester).send({ ...company('32002'), startStatus: 'Klantaanvraag' }).expect(201);
      const id = created.body.id as string;
      const ask = () => hub.anonymous.post(`/api/clients/${id}/status`).set('Authorization', requester).send({ to: 'Ter goedkeuring', approverId: 'j.vos@firm.test' });

      expect((await ask().expect(422)).body).toMatchObject({ code: 'acceptance.approver-not-eligible', reason: 'unknown' });
      await hub.anonymous.get('/api/clients').set('Authorization', approverToken).expect(200);
      await ask().expect(200);
      const approved = await hub.anonymous.post(`/api/clients/${id}/approval`).set('Authorization', approverToken).send({ decision: 'approved' }).expect(200);
      expect(approved.body.status).toBe('Ter goedkeuring');
    });
  });

  describe('rate limiting', () => {
    it('answers 429 past the configured number of requests per minute', async () => {
      const hub = await startTestHub('pglite', { RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await hub.http.get('/api/clusters')).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const limited = await hub.http.get('/api/clusters');
        expect(limited.body).toMatchObject({ status: 429 });
      } finally {
        await hub.stop();
      }
    });
  });
});
