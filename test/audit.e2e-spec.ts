import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { firmDays } from './support/firm-days';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

describeOnPostgres('the audit trail over HTTP on PostgreSQL', () => {
  let hub: TestHub;
  let auditor: HttpAgent;
  let relatiebeheer: HttpAgent;
  const ids: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    auditor = await hub.agentFor('auditor');
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    // Given three clients registered by relation management, one of them made a cluster head
    for (const client of holdingCluster.clients.slice(0, 3)) {
      ids.push((await relatiebeheer.post('/api/clients').send(registrationBody(client)).expect(201)).body.id);
    }
    await relatiebeheer.put(`/api/clients/${ids[2]}/cluster-head`).expect(200);
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('takes dates on the firm’s calendar: a bare date as from starts that day, as to takes in all of it', async () => {
    const day = firmDays();
    const [today, tomorrow] = [day(0), day(1)];
    const registered = (range: { from?: string; to?: string }) =>
      auditor.get('/api/audit/events').query({ type: 'ClientRegistered', actor: relatiebeheer.principal, ...range }).expect(200);

    expect((await registered({ from: today, to: today })).body.total).toBe(3);
    expect((await registered({ from: tomorrow })).body.total).toBe(0);
    expect((await registered({ to: new Date(Date.now() - 3_600_000).toISOString() })).body.total).toBe(0);
  });

  it('lists the global history filtered by client, type and actor, paged by cursor', async () => {
    const byClient = await auditor.get('/api/audit/events').query({ clientId: ids[2] }).expect(200);
    expect(byClient.body.items.map((e: { type: string }) => e.type)).toEqual(['ClientRegistered', 'ClusterHeadDesignated']);
    const byType = await auditor.get('/api/audit/events').query({ type: 'ClientRegistered', actor: relatiebeheer.principal }).expect(200);
    expect(byType.body.total).toBe(3);
    const first = await auditor.get('/api/audit/events').query({ type: 'ClientRegistered', pageSize: 2 }).expect(200);
    const second = await auditor.get('/api/audit/events').query({ type: 'ClientRegistered', pageSize: 2, cursor: first.body.nextCursor }).expect(200);
    expect([...first.body.items, ...second.body.items].map((e: { stream: string }) => e.stream)).toEqual(ids.map((id) => `client-${id}`));
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('exports the history as NDJSON and as CSV', async () => {
    const ndjson = await auditor.get('/api/audit/export').query({ format: 'ndjson', type: 'ClientRegistered' }).expect(200);
    expect(ndjson.headers['content-type']).toContain('application/x-ndjson');
    const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.data.clientNumber)).toEqual(['20001', '20002', '20010']);
    const csv = await auditor.get('/api/audit/export').query({ format: 'csv', clientId: ids[2] }).expect(200);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('position,stream,version,type,recordedAt,effectiveAt,actor,commandId,correlationId,causationId,reason,data');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain(`ClusterHeadDesignated`);
  });

  it('verifies the chains, and names the exact event after a row is changed in SQL', async () => {
    const anchored = await hub.http.post('/api/audit/anchors').expect(201);
    // Anchors accrue with every move of the log: listed by page, oldest first
    const listed = await auditor.get('/api/audit/anchors').query({ pageSize: 1 }).expect(200);
    expect(listed.body).toMatchObject({ page: 1, pageSize: 1, total: expect.any(Number) });
    expect(listed.body.items).toHaveLength(1);
    const last = await auditor.get('/api/audit/anchors').query({ page: listed.body.total, pageSize: 1 }).expect(200);
    expect(last.body.items).toEqual([anchored.body]);
    expect((await auditor.get('/api/audit/anchors').query({ page: listed.body.total + 1, pageSize: 1 }).expect(200)).body.items).toEqual([]);
    const clean = await auditor.get('/api/audit/verify').expect(200);
    expect(clean.body).toMatchObject({ ok: true, chains: { ok: true }, anchors: [{ ok: true }] });

    const { rows } = await hub.runtime.database.pool.query(
      `select global_position from es_events where stream_name = $1 and stream_version = 1`,
      [`client-${ids[1]}`],
    );
    const position = Number(rows[0].global_position);
    await hub.runtime.database.pool.query(
      `update es_events set data = jsonb_set(data, '{clientNumber}', '"99999"') where global_position = $1`,
      [position],
    );

    const tampered = await auditor.get('/api/audit/verify').expect(200);
    expect(tampered.body.ok).toBe(false);
    expect(tampered.body.chains.firstBroken).toEqual({ position, stream: `client-${ids[1]}`, version: 1, reason: 'hash-mismatch' });
    // The stored hashes were left alone, so the anchor over them still matches: anchors catch a
    // forger who also rewrites the hashes (see the chain verifier's own tests).
    expect(tampered.body.anchors[0].ok).toBe(true);
  });

  it('keeps auditors to reading', async () => {
    await auditor.post('/api/audit/anchors').expect(403);
    await auditor.post('/api/clients').send(registrationBody(holdingCluster.clients[3])).expect(403);
  });
});
