import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { eventually } from '../libs/eventstore/src/testing/eventually';
import { startEntryProcess } from './support/entry-process';
import { startHubProcess } from './support/hub-process';
import { freePort } from './support/private-redis';

describe('starting the hub with no settings at all (embedded mode)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'koppelhub-start-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('serves the API on the embedded store in ./data, and the data survives a restart', async () => {
    const first = await startHubProcess(folder);
    const dga1 = holdingCluster.clients[0];
    let id: string;
    // The first start makes an admin key and prints it once; every API route needs a credential.
    const key = /First admin API key[^:]*: (kh_\S+)/.exec(first.output())?.[1] ?? '';
    try {
      expect(key).not.toBe('');
      expect((await fetch(`${first.url}/api/clients`)).status).toBe(401);
      expect(first.output()).toContain('embedded database in ./data');
      const health = await fetch(`${first.url}/health`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', mode: 'embedded' });
      const created = await fetch(`${first.url}/api/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(registrationBody(dga1)),
      });
      expect(created.status).toBe(201);
      id = ((await created.json()) as { id: string }).id;
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startHubProcess(folder);
    try {
      expect(second.output()).not.toContain('First admin API key');
      const card = await fetch(`${second.url}/api/clients/${id}`, { headers: { 'x-api-key': key } }).then((r) => r.json());
      expect(card).toMatchObject({ id, clientNumber: dga1.clientNumber, status: 'Prospect' });
      const search = (await fetch(`${second.url}/api/clients?q=${dga1.clientNumber}`, { headers: { 'x-api-key': key } }).then((r) =>
        r.json(),
      )) as { items: unknown[] };
      expect(search.items).toEqual([expect.objectContaining({ id })]);
      const docs = await fetch(`${second.url}/api/docs`);
      expect(docs.status).toBe(200);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('given LOG_LEVEL=warn, then only warnings and errors are logged, and the first admin key is still shown', async () => {
    const quiet = mkdtempSync(join(tmpdir(), 'koppelhub-quiet-'));
    const port = await freePort();
    // Nothing informational is logged, not even the line saying it listens: the admin key (printed,
    // not logged) says it started, and /health says when it serves.
    const hub = await startEntryProcess('apps/api/src/main.ts', quiet, { PORT: String(port), LOG_LEVEL: 'warn' }, /First admin API key/);
    try {
      const health = await eventually(() => fetch(`http://localhost:${port}/health`).then((r) => r.status).catch(() => 0), (status) => status === 200);
      expect(health).toBe(200);
      expect(hub.output()).not.toMatch(/listening on|Mapped \{|LOG/);
      expect(hub.output()).toMatch(/First admin API key[^:]*: kh_\S+/);
    } finally {
      expect(await hub.stop()).toBe(0);
      rmSync(quiet, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to start with a wrong setting, naming it', async () => {
    await expect(startHubProcess(folder, { PORT: 'eighty' })).rejects.toThrow(/exited with 1[\s\S]*PORT must be a whole number/);
  }, 60_000);
});

