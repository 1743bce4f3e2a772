import type { Browser } from 'playwright-core';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { closeSvgRenderer } from '../libs/organogram/src';
import { launchChromium } from '../libs/organogram/src/testing/chromium';
import { describeInChromium } from '../libs/organogram/src/testing/describe-in-chromium';
import { type ClientRef, holdingCluster } from './fixtures/holding-cluster';
import { buildReferenceScenario, type ContactRef, type ScenarioIds } from './support/reference-scenario';
import { startTestHub, type TestHub } from './support/test-hub';

interface PortalUserBody {
  key: string;
  login?: string;
  clients: Array<{ id: string }>;
}

describeOnPostgres('contacts, portal, invoice-to, correspondence and ownership over HTTP on PostgreSQL (reference scenario)', () => {
  let hub: TestHub;
  let ids: ScenarioIds;
  const client = (ref: ClientRef) => ids.clients[ref];
  const contact = (ref: ContactRef) => ids.contacts[ref];
  const eventCount = () => hub.runtime.store.headPosition();

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    ids = await buildReferenceScenario(hub);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await closeSvgRenderer();
  });

  it('the portal users are exactly expected.portalAccessByMain', async () => {
    const response = await hub.http.get('/api/portal-users').expect(200);
    const refOfClient = new Map(Object.entries(ids.clients).map(([ref, id]) => [id, ref]));
    const keyOf = (key: string) => {
      const [kind, id] = key.split(':');
      const ref = kind === 'client' ? refOfClient.get(id) : Object.entries(ids.contacts).find(([, c]) => c === id)?.[0];
      return `${kind}:${ref}`;
    };
    const actual = Object.fromEntries(
      (response.body.items as PortalUserBody[]).map((user) => [keyOf(user.key), user.clients.map((c) => refOfClient.get(c.id)).sort()]),
    );
    const expected = Object.fromEntries(
      Object.entries(holdingCluster.expected.portalAccessByMain).map(([key, refs]) => [key, [...refs].sort()]),
    );
    expect(actual).toEqual(expected);
    const logins = Object.fromEntries((response.body.items as PortalUserBody[]).map((u) => [keyOf(u.key), u.login]));
    expect(logins).toMatchObject({
      'client:DGA1': 'jan@vbholding.nl',
      'client:DGA2': 'anna@vbholding.nl',
      'contact:H-ADM': 'm.jansen@vbholding.nl',
    });
    expect(response.body.problems).toEqual([]);
    // Each names its main: the person client, or the contact the others are linked to
    const mainOf = (key: string) => (response.body.items as Array<{ key: string; main: unknown }>).find((u) => u.key === key)?.main;
    expect(mainOf(`client:${client('DGA1')}`)).toEqual({ kind: 'client', id: client('DGA1'), name: expect.stringContaining('Vries') });
    expect(mainOf(`contact:${contact('H-ADM')}`)).toEqual({ kind: 'contact', id: contact('H-ADM'), name: expect.stringContaining('Jansen') });
  });

  it('pages the portal users by key: the pages together are the whole list, each user once', async () => {
    const whole = (await hub.http.get('/api/portal-users').expect(200)).body as { items: PortalUserBody[]; total: number };
    const pages = [];
    for (let page = 1; page <= Math.ceil(whole.total / 2) + 1; page++) {
      pages.push((await hub.http.get('/api/portal-users').query({ page, pageSize: 2 }).expect(200)).body);
    }

    expect(pages.map((p) => p.items.length)).toEqual([...Array.from({ length: Math.floor(whole.total / 2) }, () => 2), ...(whole.total % 2 ? [1] : []), 0]);
    expect(pages.every((p) => p.total === whole.total && p.pageSize === 2)).toBe(true);
    expect(pages.flatMap((p) => p.items)).toEqual(whole.items);
  });

  it('shows who sees W1: DGA1 and the head of administration, through their W1 registrations', async () => {
    const response = await hub.http.get(`/api/clients/${client('W1')}/portal-access`).expect(200);
    const users = response.body.users as Array<{ key: string; viaContactIds: string[] }>;
    expect(users.map((u) => u.key).sort()).toEqual([`client:${client('DGA1')}`, `contact:${contact('H-ADM')}`].sort());
    expect(users.find((u) => u.key === `client:${client('DGA1')}`)?.viaContactIds).toEqual([contact('W1-DGA1')]);
  });

  it.each(['H', 'W1', 'W2'] as const)('derives the UBOs of %s: DGA1 and DGA2 at 50 %% each, indirectly', async (ref) => {
    const response = await hub.http.get(`/api/clients/${client(ref)}/ubos`).expect(200);
    expect(response.body.ubos).toEqual([
      expect.objectContaining({ clientId: client('DGA1'), clientNumber: '20001', percent: 50, indirect: true, pseudo: false }),
      expect.objectContaining({ clientId: client('DGA2'), clientNumber: '20002', percent: 50, indirect: true, pseudo: false }),
    ]);
  });

  describeInChromium('the organogram of H’s cluster', () => {
    let browser: Browser;
    let svg: string;

    beforeAll(async () => {
      await hub.settle();
      const response = await hub.http.get(`/api/clients/${client('H')}/organogram.svg`).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('image/svg+xml');
      svg = response.body as string;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows all seven clients and ten contacts in a real browser', async () => {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
      await page.setContent(`<!doctype html><html><body>${svg}</body></html>`);
      const clientTexts = await page.locator('g.node.client text').allTextContents();
      const names = ['De Vries & Van den Berg Holding B.V.', 'J.P. de Vries Beheer B.V.', 'A. van den Berg Beheer B.V.', 'VB Bouw B.V.', 'VB Installatietechniek B.V.', 'Jan Pieter de Vries', 'Anna van den Berg'];
      for (const name of names) expect(clientTexts).toContain(name);
      await expect(page.locator('g.node.client').count()).resolves.toBe(7);
      const contacts = page.locator('g.node.contact');
      await expect(contacts.count()).resolves.toBe(10);
      const contactNames = await contacts.evaluateAll((nodes) => nodes.map((n) => n.querySelector('text[font-weight="bold"]')?.textContent ?? ''));
      expect(contactNames.sort()).toEqual(
        holdingCluster.contacts.map((c) => [c.firstNames, 'prefix' in c ? c.prefix : undefined, c.surname].filter(Boolean).join(' ')).sort(),
      );
    });

    it('serves the same cluster as Mermaid text', async () => {
      const response = await hub.http.get(`/api/clients/${client('W1')}/organogram.mmd`).expect(200);
      expect(response.headers['content-type']).toContain('text/plain');
      expect(response.text).toContain('VB Installatietechniek B.V.');
    });
  });

  it('sends DGA1’s paper mail to the holding', async () => {
    const response = await hub.http.get(`/api/clients/${client('DGA1')}/mailing-address`).expect(200);
    expect(response.body).toMatchObject({ via: 'correspondence-company', companyId: client('H'), address: { street: 'Stationsplein' } });
  });

  it('records invoice-to on both clients and refuses a chain, naming both clients, writing nothing', async () => {
    const relations = await hub.http.get(`/api/clients/${client('PH1')}/relations`).expect(200);
    expect(relations.body.invoicedByIds).toEqual([client('DGA1')]);
    const before = await eventCount();
    const refused = await hub.http.put(`/api/clients/${client('PH1')}/invoice-to`).send({ clientId: client('H') }).expect(422);
    expect(refused.body).toMatchObject({ code: 'invoice-to.chain', clientId: client('PH1'), invoiceToId: client('H') });
    const toDga = await hub.http.put(`/api/clients/${client('W1')}/invoice-to`).send({ clientId: client('DGA1') }).expect(422);
    expect(toDga.body.code).toBe('invoice-to.chain');
    expect(await eventCount()).toBe(before);
  });

  it('refuses ownership past 100 % and cycles, writing nothing', async () => {
    const before = await eventCount();
    const over = await hub.http.post('/api/ownerships').send({ ownerId: client('DGA1'), ownedId: client('H'), percent: 1 }).expect(422);
    expect(over.body).toMatchObject({ code: 'ownership.over-100', currentTotal: 100 });
    const cycle = await hub.http.post('/api/ownerships').send({ ownerId: client('W1'), ownedId: client('PH1'), percent: 1 }).expect(422);
    expect(cycle.body.code).toBe('ownership.cycle');
    expect(await eventCount()).toBe(before);
  });

  it('refuses portal access to a client where the portal user has no registration', async () => {
    const before = await eventCount();
    const refused = await hub.http.put(`/api/contacts/${contact('H-ADM')}/portal-access`).send({ clientId: client('PH1') }).expect(422);
    expect(refused.body).toMatchObject({ code: 'portal.no-registration', clientId: client('PH1') });
    expect(await eventCount()).toBe(before);
  });

  it('refuses linking a contact to a main that is itself linked (one level), writing nothing', async () => {
    const before = await eventCount();
    const refused = await hub.http.put(`/api/contacts/${contact('W1-HR')}/main`).send({ contactId: contact('W1-ADM') }).expect(422);
    expect(refused.body.code).toBe('contact.main-is-linked');
    expect(await eventCount()).toBe(before);
  });

  it('when DGA1’s private address changes, then his three linked contacts follow, with the cause in their history', async () => {
    const newAddress = { street: 'Oudegracht', houseNumber: '100', postcode: '3511 AX', city: 'Utrecht', country: 'NL' };
    await hub.http.patch(`/api/clients/${client('DGA1')}`).send({ address: newAddress }).expect(200);

    for (const ref of ['H-DGA1', 'PH1-DGA1', 'W1-DGA1'] as const) {
      const card = await hub.http.get(`/api/contacts/${contact(ref)}`).expect(200);
      expect(card.body.private.address).toEqual(newAddress);
      expect(card.body.email).toBe('jan@vbholding.nl'); // the business e-mail is the registration's own
      const history = await hub.http.get(`/api/contacts/${contact(ref)}/events`).expect(200);
      const last = history.body.at(-1);
      expect(last).toMatchObject({
        type: 'ContactPrivateDataSynced',
        data: { changedFields: ['private.address'], cause: { mainKey: `client:${client('DGA1')}`, reason: 'main-changed' } },
      });
    }
    const others = await hub.http.get(`/api/contacts/${contact('H-DGA2')}`).expect(200);
    expect(others.body.private.address.street).toBe('Kerkstraat');
  });

  it('reports a duplicate portal login in readiness, naming both portal users, without refusing the registration', async () => {
    const body = { surname: 'Jansen', initials: 'M.', role: 'Hoofd administratie', email: 'm.jansen@vbholding.nl', portal: true };
    const added = await hub.http.post(`/api/clients/${client('PH2')}/contacts`).send(body).expect(201);
    const position = added.headers['x-event-position'];

    const readiness = await hub.http.get(`/api/clients/${client('PH2')}/readiness`).set('X-Min-Position', position).expect(200);

    expect(readiness.body.ready).toBe(false);
    expect(readiness.body.portal.problems).toEqual([
      expect.objectContaining({
        code: 'portal.duplicate-login',
        login: 'm.jansen@vbholding.nl',
        users: [`contact:${contact('H-ADM')}`, `contact:${added.body.id}`].sort(),
      }),
    ]);
    expect(readiness.body.packages.find((p: { package: string }) => p.package === 'twinfield')).toMatchObject({ ready: true });
    await hub.http.put(`/api/contacts/${added.body.id}/main`).send({ contactId: contact('H-ADM') }).expect(200);
    await hub.settle();
    const fixed = await hub.http.get(`/api/clients/${client('PH2')}/readiness`).expect(200);
    expect(fixed.body).toMatchObject({ ready: true, portal: { problems: [] } });
  });

  it('switches packages before Klant and says what each still needs', async () => {
    const switched = await hub.http.put(`/api/clients/${client('DGA2')}/packages`).send({ packages: ['pinkweb', 'casewarecloud', 'twinfield'] }).expect(200);
    expect(switched.body.packages).toEqual(['pinkweb', 'casewarecloud', 'twinfield']);
    const readiness = await hub.http.get(`/api/clients/${client('DGA2')}/readiness`).set('X-Min-Position', switched.headers['x-event-position'] ?? '0').expect(200);
    expect(readiness.body.packages).toEqual([
      { package: 'pinkweb', ready: true, missing: [] },
      { package: 'casewarecloud', ready: false, missing: [expect.objectContaining({ field: 'kind' })] },
      { package: 'twinfield', ready: true, missing: [] },
    ]);
  });

});
