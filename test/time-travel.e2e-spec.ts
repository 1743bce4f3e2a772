import { holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { refusedWritingNothing } from './support/refused-writing-nothing';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

describe('time travel over HTTP (embedded PGlite)', () => {
  let hub: TestHub;
  let relatiebeheer: HttpAgent;
  let auditor: HttpAgent;
  let head: string;
  let member: string;
  let whileAttached: string;
  let beforeRename: string;
  const w1 = holdingCluster.clients.find((c) => c.ref === 'W1')!;

  beforeAll(async () => {
    hub = await startTestHub('pglite');
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    auditor = await hub.agentFor('auditor');
    // Given a head and a member, attached; then the member renamed and detached
    const [h, w] = (['H', 'W1'] as const).map((ref) => holdingCluster.clients.find((c) => c.ref === ref)!);
    head = (await relatiebeheer.post('/api/clients').send(registrationBody(h)).expect(201)).body.id;
    member = (await relatiebeheer.post('/api/clients').send(registrationBody(w)).expect(201)).body.id;
    await relatiebeheer.put(`/api/clients/${head}/cluster-head`).expect(200);
    const attached = await relatiebeheer.put(`/api/clients/${member}/cluster`).send({ headId: head }).expect(200);
    whileAttached = attached.headers['x-event-position'];
    beforeRename = new Date().toISOString();
    await relatiebeheer
      .patch(`/api/clients/${member}`)
      .set('X-Reason', encodeURIComponent('KvK: naamswijziging per 1 januari'))
      .send({ searchName: 'RENAMED' })
      .expect(200);
    await relatiebeheer.delete(`/api/clients/${member}/cluster`).expect(200);
    await hub.settle();
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('shows the cluster as it was recorded at a global position, names of then included', async () => {
    // When the auditor asks for the member's cluster at the position of the attach
    const then = await auditor.get(`/api/clients/${member}/cluster`).query({ asAt: whileAttached }).expect(200);
    // Then the member is in it, marked, with the name it had then
    expect(then.body).toMatchObject({ head: { id: head, selected: false }, memberCount: 1, selectedClientId: member });
    expect(then.body.members[0]).toMatchObject({ id: member, searchName: w1.searchName, selected: true });
    // And now it is in none
    await auditor.get(`/api/clients/${member}/cluster`).expect(404);
    const now = await auditor.get(`/api/clients/${member}/cluster`).query({ asAt: new Date().toISOString() }).expect(404);
    expect(now.body.code).toBe('cluster.not-in-cluster');
  });

  it('shows the cluster of now as at now exactly as the live cluster view does', async () => {
    const live = await auditor.get(`/api/clients/${head}/cluster`).expect(200);
    const asAtNow = await auditor.get(`/api/clients/${head}/cluster`).query({ asAt: new Date().toISOString() }).expect(200);
    expect(asAtNow.body).toEqual(live.body);
  });

  it('shows a client card as recorded at a time', async () => {
    const before = await auditor.get(`/api/clients/${member}`).query({ asAt: beforeRename }).expect(200);
    expect(before.body.searchName).not.toBe('RENAMED');
    const after = await auditor.get(`/api/clients/${member}`).query({ asAt: new Date().toISOString() }).expect(200);
    expect(after.body.searchName).toBe('RENAMED');
  });

  it('answers 404 for a time before the client existed, for its card and its cluster alike', async () => {
    const refused = await auditor.get(`/api/clients/${member}`).query({ asAt: '1' }).expect(404);
    expect(refused.body.code).toBe('time-travel.not-yet-registered');
    const cluster = await auditor.get(`/api/clients/${member}/cluster`).query({ asAt: '1' }).expect(404);
    expect(cluster.body.code).toBe('time-travel.not-yet-registered');
  });

  it('refuses a malformed point in time, or both at once, with 400', async () => {
    const malformed = await auditor.get(`/api/clients/${member}`).query({ asAt: 'yesterday' }).expect(400);
    expect(malformed.body.violations[0]).toMatchObject({ field: 'asAt' });
    const both = await auditor.get(`/api/clients/${member}`).query({ asAt: '1', asOf: '2026-01-01' }).expect(400);
    expect(both.body.violations[0].message).toContain('not both');
  });

  it('records the reason given with a change in the history', async () => {
    const history = await auditor.get(`/api/clients/${member}/events`).expect(200);
    const renamed = history.body.find((e: { type: string }) => e.type === 'ClientDetailsChanged');
    expect(renamed).toMatchObject({ reason: 'KvK: naamswijziging per 1 januari', actor: relatiebeheer.principal });
    const refused = await relatiebeheer.patch(`/api/clients/${member}`).set('X-Reason', '%E0%A4%A').send({ searchName: 'X' }).expect(400);
    expect(refused.body.violations[0].field).toBe('X-Reason');
  });

  it('records the request chain a change belongs to, and refuses a trace id it could not record, writing nothing', async () => {
    const traced = await relatiebeheer.patch(`/api/clients/${member}`).set('X-Correlation-Id', 'import-2026-12').set('X-Causation-Id', 'row-17').send({ searchName: 'TRACED' }).expect(200);
    const history = await auditor.get(`/api/clients/${member}/events`).expect(200);
    expect(history.body.at(-1)).toMatchObject({ position: Number(traced.headers['x-event-position']), correlationId: 'import-2026-12', causationId: 'row-17' });

    for (const header of ['X-Correlation-Id', 'X-Causation-Id']) {
      const send = () => relatiebeheer.patch(`/api/clients/${member}`).set(header, 'x'.repeat(201)).send({ searchName: 'UNTRACED' });
      const refused = await refusedWritingNothing(hub, send, 400);
      expect(refused.body.violations).toEqual([{ field: header, message: `${header} must be 1 to 200 visible ASCII characters` }]);
    }
  });
});
