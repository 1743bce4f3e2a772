import { ROLES, type Role } from '@koppelhub/domain';
import { registeredRoutes } from './support/registered-routes';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const READ: Role[] = ['relatiebeheer', 'klantgoedkeurder', 'centrale-administratie', 'auditor', 'admin'];
const EDIT: Role[] = ['relatiebeheer', 'admin'];
const ADMIN: Role[] = ['admin'];

/**
 * Who may call what: the explicit expectation, route by route. Every route the router serves must
 * be listed here (the first test fails otherwise), so a new route cannot slip through unreviewed.
 * `public` routes need no credentials at all.
 */
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'POST /api/clients': EDIT,
  'GET /api/clients': READ,
  'GET /api/clients/:id': READ,
  'PATCH /api/clients/:id': EDIT,
  'PUT /api/clients/:id/client-number': EDIT,
  'GET /api/clients/:id/events': READ,
  'PUT /api/clients/:id/cluster-head': EDIT,
  'DELETE /api/clients/:id/cluster-head': EDIT,
  'PUT /api/clients/:id/cluster': EDIT,
  'DELETE /api/clients/:id/cluster': EDIT,
  'GET /api/clients/:id/cluster': READ,
  'GET /api/clusters': READ,
  'POST /api/clients/:id/status': ['relatiebeheer', 'centrale-administratie', 'admin'],
  'POST /api/clients/:id/approval': ['klantgoedkeurder', 'admin'],
  'GET /api/clients/:id/dossier': READ,
  'PUT /api/clients/:id/wwft': EDIT,
  'GET /api/clients/:id/wwft/completeness': READ,
  'POST /api/clients/:id/wwft/reviews': EDIT,
  'POST /api/clients/:id/engagements': EDIT,
  'POST /api/clients/:id/dossier/documents': EDIT,
  // contacts, portal, packages, relations, ownership, organogram (issue 3)
  'POST /api/clients/:id/contacts': EDIT,
  'GET /api/clients/:id/contacts': READ,
  'GET /api/contacts/:contactId': READ,
  'GET /api/contacts/:contactId/events': READ,
  'PATCH /api/contacts/:contactId': EDIT,
  'DELETE /api/contacts/:contactId': EDIT,
  'PUT /api/contacts/:contactId/main': EDIT,
  'DELETE /api/contacts/:contactId/main': EDIT,
  'PUT /api/contacts/:contactId/portal-access': EDIT,
  'GET /api/portal-users': READ,
  'GET /api/clients/:id/portal-access': READ,
  'PUT /api/clients/:id/packages': EDIT,
  'GET /api/clients/:id/readiness': READ,
  'PUT /api/clients/:id/invoice-to': EDIT,
  'DELETE /api/clients/:id/invoice-to': EDIT,
  'PUT /api/clients/:id/correspondence-company': EDIT,
  'DELETE /api/clients/:id/correspondence-company': EDIT,
  'PUT /api/clients/:id/partner': EDIT,
  'DELETE /api/clients/:id/partner': EDIT,
  'GET /api/clients/:id/relations': READ,
  'GET /api/clients/:id/mailing-address': READ,
  'POST /api/ownerships': EDIT,
  'DELETE /api/ownerships/:id': EDIT,
  'GET /api/clients/:id/ubos': READ,
  'GET /api/clients/:id/organogram.svg': READ,
  'GET /api/clients/:id/organogram.mmd': READ,
  // connectors (issue 5): operators' view and re-drive
  'GET /api/clients/:id/sync': [...READ, 'connector'],
  'GET /api/sync/failed': ['connector', 'admin'],
  'POST /api/sync/failed/:id/retry': ['connector', 'admin'],
  'POST /api/sync/failed/:id/:package/retry': ['connector', 'admin'],
  'POST /api/sync/failed/retry-all': ['connector', 'admin'],
  // the queue dashboard (bull-board) and everything below it: admins only
  'ALL /admin/queues{/*path}': ADMIN,
  'GET /sandbox/:package/records': ADMIN,
  'GET /sandbox/:package/requests': ADMIN,
  // operators' metrics: a scraper holds a connector key
  'GET /metrics': ['connector', 'admin'],
  // audit (issue 6)
  'GET /api/audit/events': READ,
  'GET /api/audit/export': ['auditor', 'admin'],
  'GET /api/audit/verify': ['auditor', 'admin'],
  'POST /api/audit/anchors': ADMIN,
  'GET /api/audit/anchors': ['auditor', 'admin'],
  // personal data: erasure after retention by those who end relationships
  'POST /api/clients/:id/personal-data/erasure': ['centrale-administratie', 'admin'],
  // machine users
  'POST /api/api-keys': ADMIN,
  'GET /api/api-keys': ADMIN,
  'DELETE /api/api-keys/:id': ADMIN,
};

const UNKNOWN_ID = '6b0e7c52-0000-4000-8000-000000000000';
const guarded = Object.entries(EXPECTED).filter((entry): entry is [string, Role[]] => entry[1] !== 'public');
const cases = guarded.flatMap(([route, allowed]) => ROLES.map((role) => [route, role, allowed.includes(role)] as const));

function send(agent: Pick<HttpAgent, 'get' | 'post' | 'put' | 'patch' | 'delete'>, route: string) {
  const [method, path] = route.split(' ');
  // A catch-all route (`ALL …{/*path}`) is tried with a GET of its root.
  const url = path.replace(/:\w+/g, UNKNOWN_ID).replace(/\{\/\*\w+\}$/, '');
  const verb = (method === 'ALL' ? 'get' : method.toLowerCase()) as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const request = agent[verb](url);
  return verb === 'get' || verb === 'delete' ? request : request.send({});
}

describe('authorization: every route for every role', () => {
  let hub: TestHub;
  const agents = {} as Record<Role, HttpAgent>;

  beforeAll(async () => {
    hub = await startTestHub('pglite');
    for (const role of ROLES) agents[role] = await hub.agentFor(role);
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('lists every route the router serves in the expectation table', () => {
    expect(registeredRoutes(hub.app)).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases)('%s as %s: allowed=%s', async (route, role, allowed) => {
    const response = await send(agents[role], route);
    if (allowed) {
      expect(response.status).not.toBe(401);
      expect(response.body.code).not.toBe('auth.forbidden');
    } else {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'auth.forbidden', status: 403 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it.each(guarded.map(([route]) => route))('%s without credentials: 401', async (route) => {
    const response = await send(hub.anonymous, route);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('auth.missing-credentials');
    expect(response.headers['www-authenticate']).toContain('Bearer');
  });

  it.each(guarded.map(([route]) => route))('%s with an unknown key: 401', async (route) => {
    const response = await send(hub.anonymous, route).set('X-API-Key', 'kh_not-a-real-key');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('auth.invalid-api-key');
  });

  it('keeps the health check and the API docs open', async () => {
    await hub.anonymous.get('/health').expect(200);
    await hub.anonymous.get('/api/docs').expect(200);
  });
});
