import { PermanentPushError } from '../../errors/permanent-push-error';
import { RateLimitedPushError } from '../../errors/rate-limited-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush } from '../../model/client-push';
import { PINKWEB_SANDBOX_API_KEY, startPinkwebSandbox, type PinkwebSandbox } from '../../sandboxes/pinkweb/pinkweb.sandbox';
import { ended, referenceClients, referenceDGA1, referenceH, referencePH1, referenceW2, REFERENCE_IDS } from '../../testing/reference-clients';
import { itClassifiesCommonFaults, itKeepsBatchFaultsWithTheirPush } from '../../testing/common-fault-cases';
import { failureOf } from '../../testing/failure-of';
import { injectFault, resetSandbox } from '../../testing/sandbox-admin';
import type { PinkwebClientPut } from './pinkweb.contract';
import { PinkwebConnector } from './pinkweb.connector';
import { toPinkwebWrite } from './pinkweb-mapping';

describe('PinkWeb connector against the PinkWeb sandbox', () => {
  let sandbox: PinkwebSandbox;
  let connector: PinkwebConnector;

  beforeAll(async () => {
    sandbox = await startPinkwebSandbox();
    connector = new PinkwebConnector({ baseUrl: sandbox.url, apiKey: PINKWEB_SANDBOX_API_KEY, timeoutMs: 1000 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => resetSandbox(sandbox.url));

  it('creates the client with its contacts and portal users', async () => {
    const result = await connector.push(referenceH(), {});

    expect(result).toEqual({ externalId: '20010', action: 'created' });
    const { clients, portalUsers } = sandbox.records();
    expect(clients).toHaveLength(1);
    expect(clients[0]?.contacts.map((contact) => contact.email)).toEqual(['jan@vbholding.nl', 'anna@vbholding.nl', 'm.jansen@vbholding.nl']);
    expect(portalUsers.map((user) => user.login).sort()).toEqual(['anna@vandenberg-prive.nl', 'jan@devries-prive.nl', 'm.jansen@vbholding.nl']);
  });

  it('sends a person without BSN or date of birth', async () => {
    await connector.push(referenceDGA1(), {});

    expect(sandbox.records().clients[0]?.person).toEqual({ initials: 'J.P.', firstNames: 'Jan Pieter', prefix: 'de', surname: 'Vries' });
    expect(JSON.stringify(sandbox.records())).not.toMatch(/628194821|1968-04-12/);
  });

  it('is idempotent: the same push again is unchanged', async () => {
    await connector.push(referenceH(), {});

    const second = await connector.push(referenceH(), { externalId: '20010' });
    const withoutId = await connector.push(referenceH(), {});

    expect(second).toEqual({ externalId: '20010', action: 'unchanged' });
    expect(withoutId).toEqual({ externalId: '20010', action: 'unchanged' });
    expect(sandbox.records().clients).toHaveLength(1);
    expect(sandbox.records().portalUsers).toHaveLength(3);
  });

  it('updates the client when it changes', async () => {
    await connector.push(referenceH(), {});

    const result = await connector.push({ ...referenceH(), searchName: 'VBH' }, { externalId: '20010' });

    expect(result.action).toBe('updated');
    expect(sandbox.records().clients[0]?.searchName).toBe('VBH');
  });

  it('a push is authoritative for the contact list: a contact left out is removed', async () => {
    await connector.push(referenceH(), {});
    const withoutMarieke: ClientPush = {
      ...referenceH(),
      contacts: referenceH().contacts.filter((contact) => contact.contactId !== REFERENCE_IDS.contactMarieke),
      portalUsers: referenceH().portalUsers.filter((user) => user.mainKey !== `contact:${REFERENCE_IDS.contactMarieke}`),
    };

    const result = await connector.push(withoutMarieke, { externalId: '20010' });

    expect(result.action).toBe('updated');
    const { clients, portalUsers, removedContacts } = sandbox.records();
    expect(clients[0]?.contacts).toHaveLength(2);
    expect(removedContacts).toEqual({ '20010': [REFERENCE_IDS.contactMarieke] });
    // the portal user stays, without access to this client but with access to W1 and W2
    expect(portalUsers.find((user) => user.login === 'm.jansen@vbholding.nl')?.clientNumbers).toEqual(['20021', '20022']);
  });

  it('Geen klant meer deletes the client, and again is still ended', async () => {
    await connector.push(referenceH(), {});

    const result = await connector.push(ended(referenceH()), { externalId: '20010' });
    const again = await connector.push(ended(referenceH()), { externalId: '20010' });

    expect(result).toEqual({ externalId: '20010', action: 'ended' });
    expect(again).toEqual({ externalId: '20010', action: 'ended' });
    expect(sandbox.records().clients).toHaveLength(0);
    expect(sandbox.records().portalUsers.some((user) => user.clientNumbers.includes('20010'))).toBe(false);
  });

  it("a login PinkWeb still gives to another portal user fails for now with PinkWeb's message, and lands once that user moved on", async () => {
    // Given H pushed, its portal user logging in as m.jansen@vbholding.nl
    const h = referenceH();
    await connector.push(h, {});
    const dga1 = referenceDGA1();
    const taking = { ...dga1, portalUsers: [{ ...dga1.portalUsers[0]!, login: 'm.jansen@vbholding.nl' }] };

    // When DGA1's user takes that login before H's user is pushed with a new one
    const error = await failureOf(connector.push(taking, {}));

    // Then the push fails, to be retried (the hub holds back duplicates, so the other push is on its way)
    expect(error).toBeInstanceOf(TransientPushError);
    expect((error as TransientPushError).packageMessage).toBe('portalUsers.login: This login belongs to another portal user.');
    expect(sandbox.records().clients.map((c) => c.clientNumber)).toEqual(['20010']);

    // And once H's user is pushed with another login, the retry lands
    const moved = h.portalUsers.map((user) => (user.login === 'm.jansen@vbholding.nl' ? { ...user, login: 'm.jansen@elders.nl' } : user));
    await connector.push({ ...h, portalUsers: moved }, {});
    await expect(connector.push(taking, {})).resolves.toMatchObject({ action: 'created' });
  });

  it('a portal user left out of the last client it could see is removed, and its login can be taken', async () => {
    // Given H pushed, its portal user logging in as m.jansen@vbholding.nl and seeing H only
    const reference = referenceH();
    const leaving = { ...reference.portalUsers.find((user) => user.login === 'm.jansen@vbholding.nl')!, clientNumbers: ['20010'] };
    const h = { ...reference, portalUsers: reference.portalUsers.map((user) => (user.mainKey === leaving.mainKey ? leaving : user)) };
    await connector.push(h, {});

    // When H is pushed without that user (its contact was removed in the hub)
    await connector.push({ ...h, portalUsers: h.portalUsers.filter((user) => user !== leaving) }, {});

    // Then PinkWeb no longer has the user, and another user may log in as m.jansen@vbholding.nl
    expect(sandbox.records().portalUsers.map((user) => user.mainKey)).not.toContain(leaving.mainKey);
    const dga1 = referenceDGA1();
    await expect(
      connector.push({ ...dga1, portalUsers: [{ ...dga1.portalUsers[0]!, login: 'm.jansen@vbholding.nl' }] }, {}),
    ).resolves.toMatchObject({ action: 'created' });
  });

  describe('a login moving to another user within one push (the push is authoritative)', () => {
    const mariekeAtW2 = `contact:${REFERENCE_IDS.contactMariekeAtW2}`;
    /** W2 as pushed while Marieke's contact there was not yet linked: her own portal user, seeing W2 only. */
    const w2WithOwnUser = (mainKey = mariekeAtW2, contactId: string = REFERENCE_IDS.contactMariekeAtW2): ClientPush => {
      const w2 = referenceW2();
      return {
        ...w2,
        contacts: w2.contacts.map((contact) => (contact.contactId === REFERENCE_IDS.contactMariekeAtW2 ? { ...contact, contactId } : contact)),
        portalUsers: w2.portalUsers.map((user) => (user.login === 'm.jansen@vbholding.nl' ? { ...user, mainKey, clientNumbers: ['20022'] } : user)),
      };
    };

    it('given W2 pushed with user A logging in as m.jansen@, when W2 is pushed with user B on that login and A left out, then it lands and A is gone', async () => {
      // Given W2 pushed with Marieke's W2 contact as her own portal user A
      await connector.push(w2WithOwnUser(), {});

      // When her contact is linked to her main contact at H: W2 now names user B (H-ADM's group) on her login, and leaves A out
      const result = await connector.push(referenceW2(), { externalId: '20022' });

      // Then the push lands, A is gone, and B holds the login
      expect(result).toEqual({ externalId: '20022', action: 'updated' });
      const holders = sandbox.records().portalUsers.filter((user) => user.login === 'm.jansen@vbholding.nl');
      expect(holders.map((user) => user.mainKey)).toEqual([`contact:${REFERENCE_IDS.contactMarieke}`]);
      // And H, which also names B, lands after it
      await expect(connector.push(referenceH(), {})).resolves.toMatchObject({ action: 'created' });
    });

    it('given a portal contact removed and added again with the same e-mail, when its client is pushed, then the new user takes the login', async () => {
      // Given W2 pushed with Marieke's contact as her own portal user
      await connector.push(w2WithOwnUser(), {});
      const readded = '5c2a9d10-7b1e-4f3a-8e21-6a4b00000099';

      // When the contact was removed and added again: a new contact, so a new user, on the same login
      const result = await connector.push(w2WithOwnUser(`contact:${readded}`, readded), { externalId: '20022' });

      // Then it lands, and only the new user holds the login
      expect(result.action).toBe('updated');
      const { portalUsers, removedContacts } = sandbox.records();
      expect(portalUsers.filter((user) => user.login === 'm.jansen@vbholding.nl').map((user) => user.mainKey)).toEqual([`contact:${readded}`]);
      expect(removedContacts).toEqual({ '20022': [REFERENCE_IDS.contactMariekeAtW2] });
    });

    it('given the left-out user keeps other clients, then its login is still taken: the push fails for now and writes nothing', async () => {
      // Given H pushed: Marieke's user sees H, W1 and W2
      await connector.push(referenceH(), {});
      const before = sandbox.records();

      // When W2 names another user on her login and leaves her out: she loses W2 only
      const error = await failureOf(connector.push(w2WithOwnUser(), {}));

      // Then she keeps the login (her other clients' pushes decide), and W2 waits
      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).packageMessage).toBe('portalUsers.login: This login belongs to another portal user.');
      expect(sandbox.records()).toEqual(before);
    });

    it('given one push naming two users with the same login, then PinkWeb refuses it (409) and the connector fails it for good', async () => {
      // Given H pushed
      await connector.push(referenceH(), {});
      const before = sandbox.records();
      const h = referenceH();
      const twice = { ...h, portalUsers: h.portalUsers.map((user, index) => (index === 0 ? { ...user, login: 'M.Jansen@VBHolding.nl' } : user)) };

      // When pushed with DGA1's user on Marieke's login (in another case)
      const error = await failureOf(connector.push(twice, { externalId: '20010' }));

      // Then it is refused for good, and nothing is written
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).httpStatus).toBe(409);
      expect((error as PermanentPushError).packageMessage).toBe('portalUsers.login: This login is given to more than one portal user in this push.');
      expect(sandbox.records()).toEqual(before);
      // And PinkWeb answers with the status and error shape of a login conflict, also for a client it does not know
      const dga1 = (toPinkwebWrite(referenceDGA1()) as { put: PinkwebClientPut }).put;
      const answer = await fetch(`${sandbox.url}/api/clients/20001`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${PINKWEB_SANDBOX_API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...dga1, portalUsers: [dga1.portalUsers[0]!, { ...dga1.portalUsers[0]!, mainKey: 'contact:other' }] }),
      });
      expect(answer.status).toBe(409);
      expect(await answer.json()).toEqual({ errors: [{ field: 'portalUsers.login', message: 'This login is given to more than one portal user in this push.' }] });
      expect(sandbox.records().clients.map((client) => client.clientNumber)).toEqual(['20010']);
    });
  });

  it('given a portal user of H, when H is pushed with that user held, then PinkWeb keeps it as it was; once the hold ends, the push decides again', async () => {
    // Given H pushed with its three portal users
    const h = referenceH();
    await connector.push(h, {});
    const marieke = `contact:${REFERENCE_IDS.contactMarieke}`;
    const before = sandbox.records().portalUsers.find((user) => user.mainKey === marieke);

    // When H is pushed with Marieke's login in doubt: not among the users, but held
    const held = await connector.push({ ...h, portalUsers: h.portalUsers.filter((user) => user.mainKey !== marieke), heldPortalUsers: [marieke] }, {});

    // Then she keeps her access and her login, and nothing changed for PinkWeb
    expect(held.action).toBe('unchanged');
    expect(sandbox.records().portalUsers.find((user) => user.mainKey === marieke)).toEqual(before);

    // And when the doubt is gone and she is left out for real, she loses access to H
    await connector.push({ ...h, portalUsers: h.portalUsers.filter((user) => user.mainKey !== marieke) }, {});
    expect(sandbox.records().portalUsers.find((user) => user.mainKey === marieke)?.clientNumbers).not.toContain('20010');
  });

  it('given a held user that PinkWeb does not know, then the push grants it nothing', async () => {
    const h = referenceH();
    const marieke = `contact:${REFERENCE_IDS.contactMarieke}`;

    await connector.push({ ...h, portalUsers: h.portalUsers.filter((user) => user.mainKey !== marieke), heldPortalUsers: [marieke] }, {});

    expect(sandbox.records().portalUsers.map((user) => user.mainKey)).not.toContain(marieke);
    expect(sandbox.records().portalUsers).toHaveLength(2);
  });

  it('given a user both pushed and named as held, then PinkWeb refuses the push: a user is pushed or kept, not both', async () => {
    const h = referenceH();

    const error = await failureOf(connector.push({ ...h, heldPortalUsers: [h.portalUsers[0]!.mainKey] }, {}));

    expect(error).toBeInstanceOf(PermanentPushError);
    expect((error as PermanentPushError).packageMessage).toBe('heldPortalUsers: A portal user is either pushed or kept as it is, not both.');
    expect(sandbox.records().clients).toEqual([]);
  });

  describe('a renumbered client', () => {
    const renumbered = (client: ClientPush = referenceH()): ClientPush => ({
      ...client,
      clientNumber: '20110',
      formerClientNumbers: ['20010'],
      portalUsers: client.portalUsers.map((user) => ({ ...user, clientNumbers: user.clientNumbers.map((n) => (n === '20010' ? '20110' : n)) })),
    });

    it('given H filed under 20010, when pushed as 20110, then PinkWeb files it under 20110 with its contacts, and the portal users follow', async () => {
      await connector.push(referenceH(), {});

      const result = await connector.push(renumbered(), { externalId: '20010' });

      expect(result).toEqual({ externalId: '20110', action: 'updated' });
      const { clients, portalUsers, removedContacts } = sandbox.records();
      expect(clients.map((c) => [c.clientNumber, c.contacts.length])).toEqual([['20110', 3]]);
      expect(removedContacts).toEqual({});
      expect(portalUsers.every((u) => u.clientNumbers.includes('20110') && !u.clientNumbers.includes('20010'))).toBe(true);
    });

    it('given the renumbering landed, when a push built before it runs late, then it waits (transient) instead of filing the client twice', async () => {
      await connector.push(referenceH(), {});
      await connector.push(renumbered(), { externalId: '20010' });

      const error = await failureOf(connector.push(referenceH(), { externalId: '20110' }));

      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).packageMessage).toBe('clientNumber: This client was renumbered to 20110; push it under that number.');
      expect(sandbox.records().clients.map((c) => c.clientNumber)).toEqual(['20110']);
    });

    it('given a client renumbered and back, then PinkWeb files it under the number it had again', async () => {
      await connector.push(referenceH(), {});
      await connector.push(renumbered(), { externalId: '20010' });

      const back = await connector.push({ ...referenceH(), formerClientNumbers: ['20110'] }, { externalId: '20110' });

      expect(back).toEqual({ externalId: '20010', action: 'updated' });
      expect(sandbox.records().clients.map((c) => c.clientNumber)).toEqual(['20010']);
    });

    it('given the renumbering never reached PinkWeb, when it ends, then it is deleted under its former number', async () => {
      await connector.push(referenceH(), {});

      await connector.push(ended(renumbered()), { externalId: '20010' });

      expect(sandbox.records().clients).toEqual([]);
    });
  });

  it('the reference scenario gives each portal user the access of the fixture', async () => {
    for (const client of referenceClients()) await connector.push(client, {});

    const access = Object.fromEntries(sandbox.records().portalUsers.map((user) => [user.mainKey, user.clientNumbers]));
    expect(access).toEqual({
      [`client:${REFERENCE_IDS.dga1}`]: ['20001', '20010', '20011', '20021'],
      [`client:${REFERENCE_IDS.dga2}`]: ['20002', '20010', '20012', '20022'],
      [`contact:${REFERENCE_IDS.contactMarieke}`]: ['20010', '20021', '20022'],
    });
    expect(sandbox.records().clients.map((client) => client.clientNumber).sort()).toEqual(['20001', '20010', '20011', '20022']);
  });

  describe('pushes side by side', () => {
    const operations = (): string[] => sandbox.requests().map((request) => request.operation);

    it('given the four reference clients pushed side by side, when they land, then they go as one batch and each gets its own result', async () => {
      // Given
      const clients = referenceClients();

      // When
      const results = await Promise.all(clients.map((client) => connector.push(client, {})));

      // Then: one batch, each request logged with its ordinary operation
      expect(operations().sort()).toEqual([
        'POST batch',
        'PUT /api/clients/{client_id}',
        'PUT /api/clients/{client_id}',
        'PUT /api/clients/{client_id}',
        'PUT /api/clients/{client_id}',
      ]);
      expect(sandbox.requests().filter((request) => request.operation === 'POST batch')).toEqual([expect.objectContaining({ path: '/api/batch', status: 200 })]);
      // And each push has its own result, and each client is held exactly once
      expect(results).toEqual(clients.map((client) => ({ externalId: client.clientNumber, action: 'created' })));
      expect(sandbox.records().clients.map((client) => client.clientNumber).sort()).toEqual(['20001', '20010', '20011', '20022']);
      // And the portal users get the access of the fixture, as when pushed one by one
      const access = Object.fromEntries(sandbox.records().portalUsers.map((user) => [user.mainKey, user.clientNumbers]));
      expect(access).toEqual({
        [`client:${REFERENCE_IDS.dga1}`]: ['20001', '20010', '20011', '20021'],
        [`client:${REFERENCE_IDS.dga2}`]: ['20002', '20010', '20012', '20022'],
        [`contact:${REFERENCE_IDS.contactMarieke}`]: ['20010', '20021', '20022'],
      });
    });

    it('given a client to end and another to create, when pushed side by side, then the DELETE and the PUT go in one batch', async () => {
      // Given
      await connector.push(referenceH(), {});
      const before = sandbox.requests().length;

      // When
      const [endedH, createdPh1] = await Promise.all([
        connector.push(ended(referenceH()), { externalId: '20010' }),
        connector.push(referencePH1(), {}),
      ]);

      // Then
      expect(endedH).toEqual({ externalId: '20010', action: 'ended' });
      expect(createdPh1).toEqual({ externalId: '20011', action: 'created' });
      expect(operations().slice(before).sort()).toEqual(['DELETE /api/clients/{client_id}', 'POST batch', 'PUT /api/clients/{client_id}']);
      expect(sandbox.records().clients.map((client) => client.clientNumber)).toEqual(['20011']);
    });

    itKeepsBatchFaultsWithTheirPush({
      sandboxUrl: () => sandbox.url,
      connector: () => connector,
      refusal: 'Klant is vergrendeld.',
      clients: () => [referenceH(), referencePH1(), referenceW2()],
      held: () => sandbox.records().clients.length,
      requests: () => sandbox.requests(),
      batches: 1,
    });

    it('given a 429 for one request of a batch, then that push carries its own Retry-After and the others land', async () => {
      // Given
      await injectFault(sandbox.url, { kind: 'rate-limit', retryAfterSeconds: 3, count: 1 });

      // When
      const settled = await Promise.allSettled([referenceH(), referencePH1()].map((client) => connector.push(client, {})));

      // Then
      expect(settled[0]?.status).toBe('rejected');
      const error = (settled[0] as PromiseRejectedResult).reason as RateLimitedPushError;
      expect(error).toBeInstanceOf(RateLimitedPushError);
      expect(error.retryAfterMs).toBe(3000);
      expect(settled[1]).toEqual({ status: 'fulfilled', value: { externalId: '20011', action: 'created' } });
    });
  });

  describe('faults', () => {
    itClassifiesCommonFaults({ sandboxUrl: () => sandbox.url, connector: () => connector, refusal: 'Klant is vergrendeld.' });

    it('a 500 on delete is transient too', async () => {
      await connector.push(referenceH(), {});
      await injectFault(sandbox.url, { kind: 'status', status: 502, count: 1 });
      await expect(connector.push(ended(referenceH()), {})).rejects.toBeInstanceOf(TransientPushError);
      expect(sandbox.records().clients).toHaveLength(1);
    });
  });
});
