import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { companyRegistration } from './support/company-registration';
import { refusedWritingNothing } from './support/refused-writing-nothing';
import { startTestHub, type TestHub } from './support/test-hub';

describeOnPostgres('renumbering a client over HTTP on PostgreSQL', () => {
  let hub: TestHub;
  let next = 44000;

  beforeAll(async () => {
    hub = await startTestHub('postgres');
  });
  afterAll(async () => {
    await hub.stop();
  });

  const register = async (clientNumber = String(next++)) =>
    (await hub.http.post('/api/clients').send(companyRegistration(clientNumber, 'Hernummerd')).expect(201)).body.id as string;
  const renumber = (id: string, clientNumber: string) => hub.http.put(`/api/clients/${id}/client-number`).send({ clientNumber });

  it('given a client, when renumbered, then its card, history, search and cluster view carry the new number', async () => {
    const head = await register('44900');
    const member = await register();
    await hub.http.put(`/api/clients/${head}/cluster-head`).expect(200);
    await hub.http.put(`/api/clients/${member}/cluster`).send({ headId: head }).expect(200);

    const answer = await renumber(head, '44901').expect(200);

    expect(answer.body).toMatchObject({ id: head, clientNumber: '44901', formerClientNumbers: ['44900'] });
    const position = answer.headers['x-event-position'] as string;
    const history = await hub.http.get(`/api/clients/${head}/events`).expect(200);
    expect(history.body.at(-1)).toMatchObject({ type: 'ClientRenumbered', data: { clientId: head, from: '44900', to: '44901' }, actor: 'key:e2e-admin' });
    const found = await hub.http.get('/api/clients').query({ q: '44901' }).set('X-Min-Position', position).expect(200);
    expect(found.body.items.map((c: { id: string; clientNumber: string }) => [c.id, c.clientNumber])).toEqual([[head, '44901']]);
    // Back office still finds it by the number it had, and sees that it had it
    const byFormer = await hub.http.get('/api/clients').query({ q: '44900' }).set('X-Min-Position', position).expect(200);
    expect(byFormer.body.items.map((c: { id: string; clientNumber: string; formerClientNumbers?: string[] }) => [c.id, c.clientNumber, c.formerClientNumbers])).toEqual([
      [head, '44901', ['44900']],
    ]);
    const view = await hub.http.get(`/api/clients/${member}/cluster`).set('X-Min-Position', position).expect(200);
    expect(view.body.head).toMatchObject({ id: head, clientNumber: '44901' });
    // As it was before: time travel folds the same history
    const before = await hub.http.get(`/api/clients/${head}`).query({ asAt: String(history.body.at(-1).position - 1) }).expect(200);
    expect(before.body.clientNumber).toBe('44900');
    expect(before.body).not.toHaveProperty('formerClientNumbers');
    // The cluster as at now is the live view, former numbers included
    const asAtNow = await hub.http.get(`/api/clients/${member}/cluster`).query({ asAt: String(position) }).expect(200);
    expect(asAtNow.body).toEqual(view.body);
  });

  it('given a number another client was registered with, or took by renumbering, when renumbered to it, then it is refused as taken and nothing is written', async () => {
    const [first, second, third] = [await register(), await register(), await register()];
    const registered = (await hub.http.get(`/api/clients/${first}`).expect(200)).body.clientNumber as string;
    await renumber(second, '44910').expect(200);

    for (const taken of [registered, '44910']) {
      const refused = await refusedWritingNothing(hub, () => renumber(third, taken), 409);
      expect(refused.body).toMatchObject({ code: 'client.duplicate-client-number', clientNumber: taken });
    }
  });

  it('given a renumbered client, then neither its old nor its new number can be registered again', async () => {
    const id = await register('44920');
    await renumber(id, '44921').expect(200);

    for (const taken of ['44920', '44921']) {
      const refused = await refusedWritingNothing(hub, () => hub.http.post('/api/clients').send(companyRegistration(taken, 'Dubbel')), 409);
      expect(refused.body.code).toBe('client.duplicate-client-number');
    }
  });

  it('given a renumbered client, when renumbered back to a number it had, then it takes it; its own number again changes nothing', async () => {
    const id = await register('44930');
    await renumber(id, '44931').expect(200);

    await renumber(id, '44930').expect(200);
    await renumber(id, '44931').expect(200);
    const unchanged = await renumber(id, '44931').expect(200);

    expect(unchanged.headers['x-event-position']).toBeUndefined();
    await hub.settle();
    const found = await hub.http.get('/api/clients').query({ q: '44930' }).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ id, clientNumber: '44931', formerClientNumbers: ['44930'] })]);
    const history = await hub.http.get(`/api/clients/${id}/events`).expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'ClientRenumbered').map((e: { data: { to: string } }) => e.data.to)).toEqual([
      '44931',
      '44930',
      '44931',
    ]);
  });

  it('given ten clients renumbered to one number at once, and a registration of it beside them, then exactly one takes it and the others are told it is taken', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => register()));

    const answers = await Promise.all([
      ...ids.map((id) => renumber(id, '44999')),
      hub.http.post('/api/clients').send(companyRegistration('44999', 'Racer')),
    ]);

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.code).toBe('client.duplicate-client-number');
    await hub.settle();
    expect((await hub.http.get('/api/clients').query({ q: '44999' }).expect(200)).body.total).toBe(1);
  });

  it('given a number that is no client number, an unknown client, or a field it does not take, then each is refused and nothing is written', async () => {
    const id = await register();

    const malformed = await refusedWritingNothing(hub, () => renumber(id, '-1'), 400);
    expect(malformed.body.violations).toEqual([{ field: 'clientNumber', message: 'clientNumber must be 1 to 20 letters, digits or dashes' }]);
    const missing = await refusedWritingNothing(hub, () => hub.http.put(`/api/clients/${id}/client-number`).send({}), 400);
    expect(missing.body.violations).toEqual([{ field: 'clientNumber', message: 'clientNumber is required' }]);
    await refusedWritingNothing(hub, () => hub.http.put(`/api/clients/${id}/client-number`).send({ clientNumber: '44998', reason: 'x' }), 400);
    await refusedWritingNothing(hub, () => renumber('00000000-0000-4000-8000-000000000000', '44997'), 404);
  });
});
