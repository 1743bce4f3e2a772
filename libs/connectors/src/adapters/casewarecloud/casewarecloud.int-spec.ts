import { PermanentPushError } from '../../errors/permanent-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush } from '../../model/client-push';
import {
  CASEWARE_SANDBOX_CLIENT,
  startCasewareCloudSandbox,
  type CasewareCloudSandbox,
} from '../../sandboxes/casewarecloud/casewarecloud.sandbox';
import { ended, referenceDGA1, referenceH, referencePH1, referenceW2 } from '../../testing/reference-clients';
import { itClassifiesCommonFaults } from '../../testing/common-fault-cases';
import { failureOf } from '../../testing/failure-of';
import { injectFault, resetSandbox, sandboxAdmin } from '../../testing/sandbox-admin';
import { CasewareCloudConnector } from './casewarecloud.connector';

describe('CaseWare Cloud connector against the CaseWare Cloud sandbox', () => {
  let sandbox: CasewareCloudSandbox;
  let connector: CasewareCloudConnector;

  beforeAll(async () => {
    sandbox = await startCasewareCloudSandbox();
    connector = new CasewareCloudConnector({ baseUrl: sandbox.url, ...CASEWARE_SANDBOX_CLIENT, timeoutMs: 1000 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => resetSandbox(sandbox.url));

  /** Direct call on the sandbox, as another user of the tenant would make it. */
  async function tenantCall(method: string, path: string, body: object): Promise<Response> {
    const token = (await (
      await fetch(`${sandbox.url}/api/v2/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ClientId: CASEWARE_SANDBOX_CLIENT.clientId, ClientSecret: CASEWARE_SANDBOX_CLIENT.clientSecret }),
      })
    ).json()) as { Token: string };
    return fetch(`${sandbox.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token.Token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  const emailsOf = (): string[] => sandbox.records().persons.map((person) => person.Email).sort();

  it('creates the entity, a person per contact and portal access', async () => {
    const result = await connector.push(referenceH(), {});

    const { entities, persons, access } = sandbox.records();
    expect(result).toEqual({ externalId: entities[0]?.CWGuid, action: 'created' });
    expect(entities).toEqual([
      expect.objectContaining({
        ClientNumber: '20010',
        Name: 'De Vries & Van den Berg Holding B.V.',
        EntityType: 'Company',
        RegistrationNumber: '61234567',
        TaxNumber: '792376092',
        Status: 'Active',
        Address: { Street: 'Stationsplein 1', PostalCode: '3511 ED', City: 'Utrecht', Country: 'NL' },
      }),
    ]);
    expect(emailsOf()).toEqual(['anna@vbholding.nl', 'jan@vbholding.nl', 'm.jansen@vbholding.nl']);
    expect(persons.find((person) => person.Email === 'anna@vbholding.nl')).toMatchObject({ FirstName: 'Anna', LastName: 'van den Berg' });
    expect(access[result.externalId]).toHaveLength(3);
    expect(access[result.externalId]?.every((grant) => grant.Portal)).toBe(true);
  });

  it('is idempotent: the same push again is unchanged', async () => {
    const first = await connector.push(referenceH(), {});

    const second = await connector.push(referenceH(), { externalId: first.externalId });

    expect(second).toEqual({ externalId: first.externalId, action: 'unchanged' });
    expect(sandbox.records().entities).toHaveLength(1);
    expect(sandbox.records().persons).toHaveLength(3);
  });

  it('finds the entity by ClientNumber after the hub lost the external id', async () => {
    const first = await connector.push(referenceH(), {});

    const again = await connector.push(referenceH(), {});

    expect(again).toEqual({ externalId: first.externalId, action: 'unchanged' });
    expect(sandbox.records().entities).toHaveLength(1);
  });

  it('updates the entity and a contact', async () => {
    const first = await connector.push(referenceH(), {});
    const changed: ClientPush = {
      ...referenceH(),
      name: 'VB Holding B.V.',
      contacts: referenceH().contacts.map((contact) => (contact.email === 'anna@vbholding.nl' ? { ...contact, phone: '030-2345699' } : contact)),
    };

    const result = await connector.push(changed, { externalId: first.externalId });

    expect(result.action).toBe('updated');
    expect(sandbox.records().entities[0]?.Name).toBe('VB Holding B.V.');
    expect(sandbox.records().persons.find((person) => person.Email === 'anna@vbholding.nl')?.Phone).toBe('030-2345699');
  });

  it('Geen klant meer revokes the entity and deletes nothing', async () => {
    const first = await connector.push(referenceH(), {});

    const result = await connector.push(ended(referenceH()), { externalId: first.externalId });

    expect(result).toEqual({ externalId: first.externalId, action: 'ended' });
    const { entities, persons, access } = sandbox.records();
    expect(entities).toEqual([expect.objectContaining({ CWGuid: first.externalId, Status: 'Revoked' })]);
    expect(persons).toHaveLength(3);
    expect(access[first.externalId]).toHaveLength(3);
  });

  it('given a revoked entity, when it is pushed as a client again (its package switched back on), then the same entity is active', async () => {
    const first = await connector.push(referenceH(), {});
    await connector.push(ended(referenceH()), { externalId: first.externalId });

    const result = await connector.push(referenceH(), { externalId: first.externalId });

    expect(result).toEqual({ externalId: first.externalId, action: 'updated' });
    expect(sandbox.records().entities).toEqual([expect.objectContaining({ CWGuid: first.externalId, Status: 'Active' })]);
  });

  it('given H filed under 20010, when pushed renumbered as 20110, then the same entity gets the new ClientNumber, with or without the id', async () => {
    const first = await connector.push(referenceH(), {});
    const renumbered: ClientPush = { ...referenceH(), clientNumber: '20110', formerClientNumbers: ['20010'] };

    const byId = await connector.push(renumbered, { externalId: first.externalId });
    const byFormerNumber = await connector.push(renumbered, {});

    expect(byId).toEqual({ externalId: first.externalId, action: 'updated' });
    expect(byFormerNumber).toEqual({ externalId: first.externalId, action: 'unchanged' });
    expect(sandbox.records().entities.map((e) => [e.CWGuid, e.ClientNumber])).toEqual([[first.externalId, '20110']]);
  });

  it('given H filed under 20010 and its id lost, when pushed renumbered as 20110, then the entity is found under the former number and moved, not made twice', async () => {
    const first = await connector.push(referenceH(), {});

    const moved = await connector.push({ ...referenceH(), clientNumber: '20110', formerClientNumbers: ['20010'] }, {});

    expect(moved).toEqual({ externalId: first.externalId, action: 'updated' });
    expect(sandbox.records().entities.map((e) => [e.CWGuid, e.ClientNumber])).toEqual([[first.externalId, '20110']]);
  });

  it('given the renumbering landed, when a push built before it runs late, then it waits (transient) instead of making a second entity', async () => {
    const first = await connector.push(referenceH(), {});
    await connector.push({ ...referenceH(), clientNumber: '20110', formerClientNumbers: ['20010'] }, { externalId: first.externalId });

    const error = await failureOf(connector.push(referenceH(), { externalId: first.externalId }));

    expect(error).toBeInstanceOf(TransientPushError);
    expect(sandbox.records().entities.map((e) => e.ClientNumber)).toEqual(['20110']);
  });

  it('refuses a person client as permanent without calling CaseWare', async () => {
    const error = await failureOf(connector.push(referenceDGA1(), {}));

    expect(error).toBeInstanceOf(PermanentPushError);
    expect((error as PermanentPushError).packageMessage).toMatch(/companies only/);
    expect(sandbox.requests()).toHaveLength(0);
  });

  describe('e-mail is unique and fixed', () => {
    it('the sandbox refuses a second person with the same e-mail (409) and an e-mail change (400)', async () => {
      const created = await tenantCall('POST', '/api/v2/persons', { Email: 'jan@vbholding.nl', LastName: 'de Vries' });
      const person = (await created.json()) as { CWGuid: string };

      expect((await tenantCall('POST', '/api/v2/persons', { Email: 'JAN@vbholding.nl', LastName: 'Vries' })).status).toBe(409);
      expect((await tenantCall('PATCH', `/api/v2/persons/${person.CWGuid}`, { Email: 'jp@vbholding.nl' })).status).toBe(400);
    });

    it('a contact at two companies is one person with access to both', async () => {
      await connector.push(referenceH(), {});
      const jan = referenceH().contacts[0]!;

      const ph1 = await connector.push({ ...referencePH1(), contacts: [{ ...jan, role: 'Bestuurder' }] }, {});

      expect(sandbox.records().persons).toHaveLength(3);
      const janGuid = sandbox.records().persons.find((person) => person.Email === 'jan@vbholding.nl')?.CWGuid;
      expect(sandbox.records().access[ph1.externalId]).toEqual([{ PersonGuid: janGuid, Role: 'Bestuurder', Portal: true }]);
    });

    it('uses a person the firm made itself, whatever the case of the e-mail', async () => {
      await tenantCall('POST', '/api/v2/persons', { Email: 'Anna@VBHolding.nl', FirstName: 'A.', LastName: 'Berg' });

      await connector.push(referenceH(), {});

      expect(emailsOf()).toEqual(['Anna@VBHolding.nl', 'jan@vbholding.nl', 'm.jansen@vbholding.nl']);
      expect(sandbox.records().persons.find((person) => person.Email === 'Anna@VBHolding.nl')).toMatchObject({ FirstName: 'Anna', LastName: 'van den Berg' });
    });

    it('a person made by someone else between search and create (409) is found again and used', async () => {
      // given the connector's create of Jan is slow (calls: entity lookup, entity create, access list, person search, person create)
      await injectFault(sandbox.url, { kind: 'delay', ms: 0, count: 4 });
      await injectFault(sandbox.url, { kind: 'delay', ms: 300, count: 1 });
      const jan = referenceH().contacts[0]!;
      const pushing = connector.push({ ...referencePH1(), contacts: [jan] }, {});

      // when the firm makes Jan itself in the meantime
      while (sandbox.faults.size() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await tenantCall('POST', '/api/v2/persons', { Email: 'jan@vbholding.nl', LastName: 'Vries' })).status).toBe(201);

      // then the connector's create gets 409, finds that person and links it
      const result = await pushing;
      expect(sandbox.requests().map((request) => request.status)).toContain(409);
      const persons = sandbox.records().persons;
      expect(persons).toHaveLength(1);
      expect(persons[0]).toMatchObject({ Email: 'jan@vbholding.nl', LastName: 'de Vries' });
      expect(sandbox.records().access[result.externalId]).toEqual([{ PersonGuid: persons[0]?.CWGuid, Role: 'Directeur', Portal: true }]);
    });

    it('a changed e-mail makes a new person; the old one keeps its record but loses the portal', async () => {
      const first = await connector.push(referenceH(), {});
      const changed: ClientPush = {
        ...referenceH(),
        contacts: referenceH().contacts.map((contact) => (contact.email === 'm.jansen@vbholding.nl' ? { ...contact, email: 'marieke@vbholding.nl' } : contact)),
      };

      await connector.push(changed, { externalId: first.externalId });

      const { persons, access } = sandbox.records();
      expect(persons).toHaveLength(4);
      const oldGuid = persons.find((person) => person.Email === 'm.jansen@vbholding.nl')?.CWGuid;
      const newGuid = persons.find((person) => person.Email === 'marieke@vbholding.nl')?.CWGuid;
      expect(access[first.externalId]).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ PersonGuid: oldGuid, Portal: false }),
          expect.objectContaining({ PersonGuid: newGuid, Portal: true }),
        ]),
      );
    });
  });

  it('the portal switch off takes portal access away', async () => {
    const first = await connector.push(referenceH(), {});
    const withoutPortal: ClientPush = {
      ...referenceH(),
      contacts: referenceH().contacts.map((contact) => (contact.email === 'anna@vbholding.nl' ? { ...contact, portal: false } : contact)),
    };

    const result = await connector.push(withoutPortal, { externalId: first.externalId });

    expect(result.action).toBe('updated');
    const anna = sandbox.records().persons.find((person) => person.Email === 'anna@vbholding.nl');
    expect(sandbox.records().access[first.externalId]).toContainEqual({ PersonGuid: anna?.CWGuid, Role: 'Directeur', Portal: false });
  });

  describe('a contact whose portal login is in doubt', () => {
    const holding = (client: ClientPush, email: string, change: Partial<ClientPush['contacts'][number]> = {}): ClientPush => ({
      ...client,
      contacts: client.contacts.map((contact) => (contact.email === email ? { ...contact, ...change, portalHeld: true } : contact)),
    });

    it('given access in CaseWare, when held, then the person and its access stay as they are', async () => {
      // Given H with Marieke's portal access
      const first = await connector.push(referenceH(), {});
      const before = sandbox.records();

      // When H is pushed with her login in doubt, her name changed meanwhile
      const result = await connector.push(holding(referenceH(), 'm.jansen@vbholding.nl', { surname: 'Anders' }), { externalId: first.externalId });

      // Then nothing is written: she keeps her access and her person is not changed
      expect(result.action).toBe('unchanged');
      expect(sandbox.records().access[first.externalId]).toEqual(before.access[first.externalId]);
      expect(sandbox.records().persons).toEqual(before.persons);
    });

    it('given no person yet, when held, then none is made and no access given', async () => {
      const result = await connector.push(holding(referenceH(), 'm.jansen@vbholding.nl'), {});

      expect(emailsOf()).toEqual(['anna@vbholding.nl', 'jan@vbholding.nl']);
      expect(sandbox.records().access[result.externalId]).toHaveLength(2);
    });

    it('once the doubt is resolved, the next push writes it as usual', async () => {
      const first = await connector.push(holding(referenceH(), 'm.jansen@vbholding.nl'), {});

      const result = await connector.push(referenceH(), { externalId: first.externalId });

      expect(result.action).toBe('updated');
      const marieke = sandbox.records().persons.find((person) => person.Email === 'm.jansen@vbholding.nl');
      expect(sandbox.records().access[first.externalId]).toContainEqual(expect.objectContaining({ PersonGuid: marieke?.CWGuid, Portal: true }));
    });
  });

  it('two registrations with one e-mail are one person, with the portal if either has it, in either order', async () => {
    const h = referenceH();
    const marieke = h.contacts.find((contact) => contact.email === 'm.jansen@vbholding.nl')!;
    const twice = (portalFirst: boolean): ClientPush => ({
      ...h,
      contacts: [
        ...h.contacts,
        { ...marieke, contactId: 'contact-second', email: 'M.Jansen@vbholding.nl', role: 'Controller', portal: !portalFirst },
      ].map((contact) => (contact === marieke ? { ...contact, portal: portalFirst } : contact)),
    });

    for (const portalFirst of [true, false]) {
      await resetSandbox(sandbox.url);
      const result = await connector.push(twice(portalFirst), {});

      const person = sandbox.records().persons.filter((p) => p.Email.toLowerCase() === 'm.jansen@vbholding.nl');
      expect(person).toHaveLength(1);
      const grant = sandbox.records().access[result.externalId]?.find((g) => g.PersonGuid === person[0]?.CWGuid);
      expect(grant).toEqual({ PersonGuid: person[0]?.CWGuid, Role: portalFirst ? marieke.role : 'Controller', Portal: true });
    }
  });

  it('given two registrations with one e-mail and different phones, when the same client is pushed again, then nothing is written', async () => {
    const h = referenceH();
    const marieke = h.contacts.find((contact) => contact.email === 'm.jansen@vbholding.nl')!;
    const client: ClientPush = { ...h, contacts: [...h.contacts, { ...marieke, contactId: 'contact-second', phone: '06-99999999', portal: false }] };
    // Searches go as POSTs too; writes are the rest
    const writes = () => sandbox.requests().filter((r) => r.method !== 'GET' && !/token|search/.test(r.path)).length;
    const first = await connector.push(client, {});
    const writesBefore = writes();

    const again = await connector.push(client, { externalId: first.externalId });

    expect(again.action).toBe('unchanged');
    expect(writes()).toBe(writesBefore);
    // written from the registration with the portal
    expect(sandbox.records().persons.find((p) => p.Email === 'm.jansen@vbholding.nl')?.Phone).toBe(marieke.phone);
  });

  it('the reference companies share one person per human, with access to each company', async () => {
    // given the hub pushes H, PH1 and W2 (DGA1 is a person: not routed to CaseWare)
    const guids: string[] = [];
    for (const client of [referenceH(), referencePH1(), referenceW2()]) guids.push((await connector.push(client, {})).externalId);

    // then Jan, Anna and Marieke are each one person, with access where they are contacts
    const { persons, access } = sandbox.records();
    expect(emailsOf()).toEqual(['anna@vbholding.nl', 'jan@vbholding.nl', 'm.jansen@vbholding.nl']);
    const emailOf = (guid: string): string | undefined => persons.find((person) => person.CWGuid === guid)?.Email;
    expect(guids.map((guid) => (access[guid] ?? []).map((grant) => emailOf(grant.PersonGuid)).sort())).toEqual([
      ['anna@vbholding.nl', 'jan@vbholding.nl', 'm.jansen@vbholding.nl'],
      ['jan@vbholding.nl'],
      ['anna@vbholding.nl', 'm.jansen@vbholding.nl'],
    ]);
  });

  describe('token', () => {
    it('renews the token after a 401 once and the push succeeds', async () => {
      await connector.push(referenceH(), {});
      const issued = sandbox.tokensIssued();

      await sandboxAdmin(sandbox.url, 'expire-tokens');
      const result = await connector.push(referencePH1(), {});

      expect(result.action).toBe('created');
      expect(sandbox.tokensIssued()).toBe(issued + 1);
      expect(sandbox.requests().filter((request) => request.status === 401)).toHaveLength(1);
    });

    it('renews a token before its lifetime ends', async () => {
      const shortLived = await startCasewareCloudSandbox({ tokenLifetimeSeconds: 1 });
      try {
        const own = new CasewareCloudConnector({ baseUrl: shortLived.url, ...CASEWARE_SANDBOX_CLIENT, timeoutMs: 1000 });
        await own.push(referenceH(), {});
        await new Promise((resolve) => setTimeout(resolve, 600));

        await own.push(referencePH1(), {});

        expect(shortLived.tokensIssued()).toBe(2);
        expect(shortLived.requests().some((request) => request.status === 401)).toBe(false);
      } finally {
        await shortLived.close();
      }
    });
  });

  describe('faults', () => {
    itClassifiesCommonFaults({ sandboxUrl: () => sandbox.url, connector: () => connector, refusal: 'RegistrationNumber is not a valid KvK number.' });

    it('a fault halfway leaves no duplicates: the retry completes the push', async () => {
      // the third call (reading the access list) fails, after the entity was made
      await injectFault(sandbox.url, { kind: 'delay', ms: 0, count: 2 });
      await injectFault(sandbox.url, { kind: 'status', status: 503, count: 1 });
      await expect(connector.push(referenceH(), {})).rejects.toBeInstanceOf(TransientPushError);
      expect(sandbox.records().entities).toHaveLength(1);

      const retried = await connector.push(referenceH(), {});

      expect(retried.action).toBe('updated');
      expect(sandbox.records().entities).toHaveLength(1);
      expect(sandbox.records().persons).toHaveLength(3);
    });
  });
});
