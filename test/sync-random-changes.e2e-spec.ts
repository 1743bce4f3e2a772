import { calendarDateOf } from '@koppelhub/domain';
import type { SyncRuntime } from '@koppelhub/sync';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { type ClientRef, holdingCluster } from './fixtures/holding-cluster';
import { type ApprovedScenario, approveReferenceScenario } from './support/approved-scenario';
import { syncSettled } from './support/sync-settled';
import { ownQueuesOn, startTestSync } from './support/test-sync';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const redisUrl = process.env.REDIS_URL;
const describeWithServices = redisUrl ? describeOnPostgres : describe.skip;

const CHANGES_PER_ROUND = 60;
/** Every scenario client went to these at Klant; the companies also to Twinfield and CaseWare Cloud. */
const PERSON_PACKAGES = ['pinkweb', 'nextens', 'qicsmilestones'];

/**
 * A small deterministic generator: the same seeds after the same scenario make the same changes.
 * A round starts where the rounds before it left the hub, so a failing round is replayed by running
 * the suite up to it.
 */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

interface ClientCard {
  kind: 'company' | 'person';
  clientNumber: string;
  name: string;
  status: string;
  packages: string[];
  debtorNumber?: string;
  address: { street: string; houseNumber: string; houseNumberAddition?: string; postcode: string; city: string };
}

describeWithServices('random changes after Klant: every package ends up holding what the hub says (PostgreSQL, Redis, sandboxes)', () => {
  let hub: TestHub;
  let sync: SyncRuntime;
  let scenario: ApprovedScenario;
  let relatiebeheer: HttpAgent;
  let connector: HttpAgent;
  const refs = holdingCluster.clients.map((c) => c.ref);
  /** Every debtor number each client has had: Twinfield keeps a hidden customer under each former one. */
  const debtorNumbers = new Map<ClientRef, Set<string>>(holdingCluster.clients.map((c) => [c.ref, new Set([c.debtorNumber])]));
  /** Every client number a renumbered client had before: no package may still file it under one. */
  const formerNumbers = new Map<ClientRef, Set<string>>(holdingCluster.clients.map((c) => [c.ref, new Set<string>()]));
  const contacts: Array<{ id: string; ref: ClientRef; email?: string }> = [];
  /** Logins the walk made that a contact let go (removed, or changed to another): taking one again is a case of its own. */
  const freedEmails: string[] = [];
  let mails = 0;

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    sync = await startTestSync(hub, {
      timeoutMs: 2_000,
      queue: ownQueuesOn(redisUrl!),
    });
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    connector = await hub.agentFor('connector');
    scenario = await approveReferenceScenario(hub);
    // The companies go to CaseWare Cloud as well, so that its persons and access are walked too;
    // their approval covered the packages as they were, so the approver approves the change
    for (const client of holdingCluster.clients.filter((c) => c.kind === 'company')) {
      const id = scenario.ids.clients[client.ref];
      await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages: [...client.packages, 'casewarecloud'] }).expect(200);
      await scenario.approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
    }
    await scenario.makeKlant();
    for (const ref of refs) {
      const listed = await relatiebeheer
        .get(`/api/clients/${scenario.ids.clients[ref]}/contacts`)
        .query({ pageSize: 100 })
        .set('X-Min-Position', String(await hub.runtime.store.headPosition()))
        .expect(200);
      expect(listed.body.items).toHaveLength(listed.body.total);
      for (const contact of listed.body.items as Array<{ id: string; email?: string }>) contacts.push({ id: contact.id, ref, email: contact.email });
    }
    await syncSettled(sync, hub.runtime.store, 60_000);
  }, 180_000);
  afterAll(async () => {
    await sync?.close({ removeQueues: true });
    await hub?.stop();
  });

  /** One change drawn at random, over the API as back office would make it; a refusal (4xx) is fine, a 5xx is not. */
  async function change(random: ReturnType<typeof generator>): Promise<boolean> {
    const ref = random.pick(refs);
    const id = scenario.ids.clients[ref];
    const card = (await relatiebeheer.get(`/api/clients/${id}`).expect(200)).body as ClientCard;
    const roll = random.next();
    // A login no contact holds any more, now and then; never one still held (the hub would hold
    // both users back as duplicates, by design)
    const free = freedEmails.filter((login) => !contacts.some((c) => c.email === login));
    const email = () => {
      if (free.length === 0 || random.next() >= 0.7) return `r${mails++}@random.example`;
      const login = random.pick(free);
      freedEmails.splice(freedEmails.indexOf(login), 1);
      return login;
    };
    let answer;
    if (roll < 0.16) {
      const address = { street: random.pick(['Stationsplein', 'Lange Viestraat', 'Mariaplaats']), houseNumber: String(1 + Math.floor(random.next() * 90)), postcode: '3511 ED', city: 'Utrecht', country: 'NL' };
      answer = await relatiebeheer.patch(`/api/clients/${id}`).send({ address });
    } else if (roll < 0.2) {
      // A new client number (one already taken is refused, which is fine)
      answer = await relatiebeheer.put(`/api/clients/${id}/client-number`).send({ clientNumber: `R${Math.floor(random.next() * 90) + 10}` });
      if (answer.status === 200 && answer.body.clientNumber !== card.clientNumber) {
        formerNumbers.get(ref)!.add(card.clientNumber);
        formerNumbers.get(ref)!.delete(answer.body.clientNumber);
      }
    } else if (roll < 0.3) {
      const debtorNumber = `${card.clientNumber}${Math.floor(random.next() * 90) + 10}`;
      answer = await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages: card.packages, debtorNumber });
      if (answer.status === 200) debtorNumbers.get(ref)!.add(debtorNumber);
    } else if (roll >= 0.45 && roll < 0.5 && contacts.length > 1) {
      // A contact linked to another as its main (one portal user over their clients), or unlinked
      const contact = random.pick(contacts);
      const main = random.pick(contacts.filter((c) => c !== contact));
      answer = random.next() < 0.7
        ? await relatiebeheer.put(`/api/contacts/${contact.id}/main`).send({ contactId: main.id })
        : await relatiebeheer.delete(`/api/contacts/${contact.id}/main`);
    } else if (roll < 0.5) {
      const login = email();
      answer = await relatiebeheer.post(`/api/clients/${id}/contacts`).send({ initials: 'R.', surname: `Random${mails}`, email: login, portal: random.next() < 0.8 });
      if (answer.status === 201) contacts.push({ id: answer.body.id, ref, email: login });
    } else if (roll < 0.65 && contacts.length > 0) {
      const contact = random.pick(contacts);
      const login = email();
      answer = await relatiebeheer.patch(`/api/contacts/${contact.id}`).send({ email: login, portal: random.next() < 0.5 });
      if (answer.status === 200) {
        if (contact.email?.endsWith('@random.example')) freedEmails.push(contact.email);
        contact.email = login;
      }
    } else if (roll < 0.75 && contacts.length > 0) {
      const contact = random.pick(contacts);
      answer = await relatiebeheer.delete(`/api/contacts/${contact.id}`);
      if (answer.status === 200) {
        contacts.splice(contacts.indexOf(contact), 1);
        if (contact.email?.endsWith('@random.example')) freedEmails.push(contact.email);
      }
    } else if (roll < 0.85) {
      answer = await relatiebeheer.put(`/api/clients/${id}/invoice-to`).send({ clientId: scenario.ids.clients[random.pick(refs)] });
    } else if (roll < 0.93) {
      answer = await relatiebeheer.delete(`/api/clients/${id}/invoice-to`);
    } else if (roll < 0.95) {
      answer = await relatiebeheer.patch(`/api/clients/${id}`).send({ searchName: `RANDOM${Math.floor(random.next() * 1000)}` });
    } else if (roll < 0.98) {
      // A package switched off or back on
      const pkg = random.pick(card.kind === 'company' ? [...PERSON_PACKAGES, 'twinfield', 'casewarecloud'] : PERSON_PACKAGES);
      const packages = card.packages.includes(pkg) ? card.packages.filter((p) => p !== pkg) : [...card.packages, pkg];
      answer = await relatiebeheer.put(`/api/clients/${id}/packages`).send({ packages });
    } else {
      answer = await scenario.centraleAdministratie.post(`/api/clients/${id}/status`).send({ to: 'Geen klant meer', endDate: calendarDateOf(new Date()) });
    }
    if (answer && answer.status >= 500) throw new Error(`${answer.status} ${answer.text}`);
    return answer !== undefined && answer.status < 300;
  }

  it.each([1, 2, 3])('given the reference scenario as Klant, when 60 changes drawn with seed %i are made, then the packages match the hub', async (seed) => {
    const random = generator(seed);
    let applied = 0;
    for (let i = 0; i < CHANGES_PER_ROUND; i++) if (await change(random)) applied++;
    await syncSettled(sync, hub.runtime.store, 60_000);
    // Most changes are taken (the rest are refused by a rule, e.g. an invoice-to chain)
    expect(applied).toBeGreaterThan(CHANGES_PER_ROUND / 2);

    // Nothing failed: every change reached every package it concerns
    expect((await connector.get('/api/sync/failed').expect(200)).body).toMatchObject({ items: [], total: 0 });

    const s = sync.sandboxes!;
    const position = String(await hub.runtime.store.headPosition());
    // Portal users whose login is in doubt (shared, say) are held: the portals keep them as they were
    const portal = (await relatiebeheer.get('/api/portal-users').query({ pageSize: 100 }).set('X-Min-Position', position).expect(200)).body as {
      items: Array<{ key: string; login?: string; contactIds: string[]; clients: Array<{ clientNumber?: string }> }>;
      problems: Array<{ users?: string[]; user?: string }>;
      total: number;
    };
    expect(portal.items).toHaveLength(portal.total);
    const heldBack = new Set(portal.problems.flatMap((p) => p.users ?? (p.user ? [p.user] : [])));
    const heldContacts = new Set(portal.items.filter((u) => heldBack.has(u.key)).flatMap((u) => u.contactIds));
    const cards = new Map<ClientRef, ClientCard>();
    for (const ref of refs) cards.set(ref, (await relatiebeheer.get(`/api/clients/${scenario.ids.clients[ref]}`).expect(200)).body as ClientCard);
    // Every client went to each of its packages at Klant, so each still holds it: as a client while
    // it is Klant and switched on there, ended (hidden, inactive, revoked, deleted) otherwise
    const inPackage = (card: ClientCard, pkg: string) => card.status === 'Klant' && card.packages.includes(pkg);
    for (const ref of refs) {
      const id = scenario.ids.clients[ref];
      const card = cards.get(ref)!;
      const label = `${ref} (${card.status}, ${[...card.packages].sort().join(' ')})`;
      // No package files it under a number it had before a renumbering
      const former = formerNumbers.get(ref)!;
      expect([label, [
        ...s.pinkweb.records().clients.map((c) => c.clientNumber),
        ...s.pinkweb.records().portalUsers.flatMap((u) => u.clientNumbers),
        ...s.qicsmilestones.records().map((r) => r.CustomerCode),
        ...s.nextens.records().map((r) => r.clientNumber),
        ...s.casewarecloud.records().entities.map((e) => e.ClientNumber),
      ].filter((number) => former.has(number))]).toEqual([label, []]);

      // Twinfield: one active customer under the current debtor number while it is there; every other one hidden
      if (card.kind === 'company') {
        const customers = s.twinfield.records().filter((r) => debtorNumbers.get(ref)!.has(r.code));
        const current = customers.filter((r) => r.code === card.debtorNumber);
        expect([label, current.map((r) => r.status)]).toEqual([label, [inPackage(card, 'twinfield') ? 'active' : 'hide']]);
        // with the hub's name and address (changed at random too)
        const { street, houseNumber, houseNumberAddition, postcode, city } = card.address;
        expect([label, current.map((r) => [r.name, r.address.field2, r.address.postcode, r.address.city])]).toEqual([
          label,
          [[card.name, [street, houseNumber, houseNumberAddition].filter(Boolean).join(' '), postcode, city]],
        ]);
        expect([label, customers.filter((r) => r.code !== card.debtorNumber && r.status !== 'hide').map((r) => r.code)]).toEqual([label, []]);
      }
      // QicsMilestones: one company per client number, active while it is there
      const held = s.qicsmilestones.records().filter((r) => r.CustomerCode === card.clientNumber);
      expect([label, held.map((r) => r.IsActive)]).toEqual([label, [inPackage(card, 'qicsmilestones')]]);
      // under the hub's name (QicsMilestones keeps 50 characters) and debtor number
      expect([label, held.map((r) => [r.Name, r.DebtorNumber])]).toEqual([label, [[Array.from(card.name).slice(0, 50).join(''), card.debtorNumber ?? null]]]);
      // invoicing to the hub's invoice-to client, linked by QicsMilestones' own id
      if (inPackage(card, 'qicsmilestones')) {
        const { invoiceToId } = (await relatiebeheer.get(`/api/clients/${id}/relations`).expect(200)).body as { invoiceToId?: string };
        const targetRef = invoiceToId ? refs.find((r) => scenario.ids.clients[r] === invoiceToId) : undefined;
        const target = targetRef ? s.qicsmilestones.records().find((r) => r.CustomerCode === cards.get(targetRef)!.clientNumber) : undefined;
        expect([label, held[0]!.InvoiceToCustomerCompanyId ?? null]).toEqual([label, target?.CustomerCompanyId ?? null]);
      }
      // Nextens: the client, marked ended once it is not there
      const filed = s.nextens.records().filter((r) => r.clientNumber === card.clientNumber);
      expect([label, filed.map((r) => r.status)]).toEqual([label, [inPackage(card, 'nextens') ? 'active' : 'ended']]);

      const listed = await relatiebeheer.get(`/api/clients/${id}/contacts`).query({ pageSize: 100 }).set('X-Min-Position', position).expect(200);
      expect(listed.body.items).toHaveLength(listed.body.total);
      const hubContacts = listed.body.items as Array<{ id: string; email?: string; portal: boolean }>;
      // CaseWare Cloud: one entity per company, revoked once it is not there; while there exactly the
      // contacts with an e-mail and the portal switch on have portal access (a held one's is as it was)
      if (card.kind === 'company') {
        const entities = s.casewarecloud.records().entities.filter((e) => e.ClientNumber === card.clientNumber);
        expect([label, entities.map((e) => e.Status)]).toEqual([label, [inPackage(card, 'casewarecloud') ? 'Active' : 'Revoked']]);
        if (inPackage(card, 'casewarecloud')) {
          const { persons, access } = s.casewarecloud.records();
          const emailOf = new Map(persons.map((p) => [p.CWGuid, p.Email.toLowerCase()]));
          const heldEmails = new Set(hubContacts.filter((c) => c.portal && c.email && heldContacts.has(c.id)).map((c) => c.email!.toLowerCase()));
          const withPortal = (access[entities[0]!.CWGuid] ?? []).filter((a) => a.Portal).map((a) => emailOf.get(a.PersonGuid)!).filter((e) => !heldEmails.has(e)).sort();
          const expected = [...new Set(hubContacts.filter((c) => c.portal && c.email && !heldContacts.has(c.id)).map((c) => c.email!.toLowerCase()))].sort();
          expect([label, withPortal]).toEqual([label, expected]);
        }
      }
      // PinkWeb: the client while it is there, with exactly the hub's contacts; gone otherwise
      const shown = s.pinkweb.records().clients.filter((c) => c.clientNumber === card.clientNumber);
      if (!inPackage(card, 'pinkweb')) expect([label, shown]).toEqual([label, []]);
      else {
        const ids = hubContacts.map((c) => c.id).sort();
        expect([label, shown.map((c) => c.contacts.map((contact) => contact.contactId).sort())]).toEqual([label, [ids]]);
        expect([label, shown.map((c) => [c.name, c.address.postcode, c.address.city])]).toEqual([label, [[card.name, card.address.postcode, card.address.city]]]);
      }
    }

    // PinkWeb's portal users: each login the hub gives (none held back as a duplicate), seeing
    // exactly the clients PinkWeb holds that the hub says it sees
    const inPinkweb = new Set([...cards.values()].filter((card) => inPackage(card, 'pinkweb')).map((card) => card.clientNumber));
    const expectedUsers = portal.items
      .filter((u) => u.login && !heldBack.has(u.key))
      .map((u) => [u.key, u.login, u.clients.map((c) => c.clientNumber!).filter((n) => inPinkweb.has(n)).sort()] as const)
      .filter(([, , numbers]) => numbers.length > 0)
      .sort(([a], [b]) => a.localeCompare(b));
    const pinkwebUsers = s.pinkweb
      .records()
      .portalUsers.filter((u) => !heldBack.has(u.mainKey))
      .map((u) => [u.mainKey, u.login, [...u.clientNumbers].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    expect(pinkwebUsers).toEqual(expectedUsers);
  }, 240_000);
});
