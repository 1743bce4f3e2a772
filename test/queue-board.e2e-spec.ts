import { startTestHub, type TestHub } from './support/test-hub';

describe('the queue dashboard (bull-board) at /admin/queues', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('pglite');
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('given an admin key, when the dashboard is opened, then it is served', async () => {
    const page = await hub.http.get('/admin/queues').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<base href="/admin/queues/" />');
    // And its own files come from below the same path
    const stylesheet = /href="(static\/css\/[^"]+\.css)"/.exec(page.text)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await hub.http.get(`/admin/queues/${stylesheet}`).expect(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('given an admin key, when its API lists the queues, then it shows one queue per package', async () => {
    const listing = await hub.http.get('/admin/queues/api/queues').expect(200);
    const names = (listing.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual(['sync-casewarecloud', 'sync-nextens', 'sync-pinkweb', 'sync-qicsmilestones', 'sync-twinfield']);
  });

  it('given an Idempotency-Key, when a queue is paused, resumed and paused again with that key, then the board answers each time, nothing replayed', async () => {
    const paused = async () =>
      ((await hub.http.get('/admin/queues/api/queues').expect(200)).body.queues as Array<{ name: string; isPaused: boolean }>).find(
        (queue) => queue.name === 'sync-nextens',
      )?.isPaused;
    const pause = () => hub.http.put('/admin/queues/api/queues/sync-nextens/pause').set('Idempotency-Key', 'board-pause').send({});

    // Given a queue paused with a key, then resumed
    const first = await pause().expect(200);
    expect(first.body).toEqual({});
    expect(await paused()).toBe(true);
    await hub.http.put('/admin/queues/api/queues/sync-nextens/resume').send({}).expect(200);
    expect(await paused()).toBe(false);

    // When it is paused again with the same key
    const again = await pause().expect(200);

    // Then the board pauses it and answers itself: no stored answer (it would be an empty one) stands in for it
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body).toEqual({});
    expect(await paused()).toBe(true);
    await hub.http.put('/admin/queues/api/queues/sync-nextens/resume').send({}).expect(200);
  });

  it('given a key of another role, when the dashboard is opened, then it is forbidden', async () => {
    const operator = await hub.agentFor('connector');
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const response = await operator.get(path).expect(403);
      expect(response.body).toMatchObject({ code: 'auth.forbidden', status: 403 });
    }
    await operator.put('/admin/queues/api/queues/pause').send({}).expect(403);
  });

  it('given no credentials, when the dashboard is opened, then it asks for them', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/index.css']) {
      const response = await hub.anonymous.get(path).expect(401);
      expect(response.body.code).toBe('auth.missing-credentials');
    }
  });
});
