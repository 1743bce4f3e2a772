import { randomUUID } from 'node:crypto';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { startTestHub, type TestHub } from './support/test-hub';

/**
 * Rules over several streams hold when users race: of two changes that each pass alone but break a
 * rule together, exactly one is written and the other is refused (after a conflict and a re-decide).
 */
describeOnPostgres('relation rules under concurrency (PostgreSQL)', () => {
  let hub: TestHub;
  let next = 31000;

  beforeAll(async () => {
    hub = await startTestHub('postgres');
  });
  afterAll(async () => {
    await hub.stop();
  });

  async function company(card: { debtorNumber?: string; packages?: string[] } = {}): Promise<string> {
    const number = String(next++);
    const body = {
      kind: 'company',
      clientNumber: number,
      searchName: `C${number}`,
      company: { legalForm: 'BV', statutoryName: `Company ${number} B.V.` },
      address: { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
      ...card,
    };
    return (await hub.http.post('/api/clients').send(body).expect(201)).body.id;
  }

  /** Given the acceptance steps as events (their gates are the acceptance suite's subject): the client is Klant. */
  async function givenKlant(clientId: string): Promise<void> {
    const steps = [['Prospect', 'Klantaanvraag'], ['Klantaanvraag', 'Ter goedkeuring'], ['Ter goedkeuring', 'Klant']];
    const meta = { actor: 'test', commandId: randomUUID(), correlationId: randomUUID() };
    const events = steps.map(([from, to]) => ({ id: randomUUID(), type: 'ClientStatusChanged', data: { clientId, from, to }, metadata: meta }));
    const [stream] = (await hub.runtime.store.readStream(`client-${clientId}`)).slice(-1);
    await hub.runtime.store.append([{ stream: `client-${clientId}`, expectedVersion: stream.streamVersion, events }]);
  }

  /**
   * One request won; every other was refused by the rule, as a 409 conflict when it was decided
   * again over the winner's change (which timing decides) and as a 422 when it came after it.
   */
  function expectOneWinner(answers: Array<{ status: number; body: { code?: string; concurrentChange?: boolean } }>, won: number, codes?: string[]): void {
    expect(answers.filter((a) => a.status === won)).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== won)) {
      expect([409, 422]).toContain(lost.status);
      expect(lost.body.concurrentChange === true).toBe(lost.status === 409);
      if (codes) expect(codes).toContain(lost.body.code);
    }
  }

  async function contactAt(clientId: string, surname: string): Promise<string> {
    const body = { surname, email: `${surname.toLowerCase()}@example.nl`, portal: true };
    return (await hub.http.post(`/api/clients/${clientId}/contacts`).send(body).expect(201)).body.id;
  }

  it('of 10 owners each taking 60 % of one company at once, exactly one succeeds', async () => {
    const owned = await company();
    const owners = await Promise.all(Array.from({ length: 10 }, () => company()));

    const answers = await Promise.all(
      owners.map((ownerId) => hub.http.post('/api/ownerships').send({ ownerId, ownedId: owned, percent: 60 })),
    );

    expectOneWinner(answers, 201, ['ownership.over-100']);
    const events = await hub.runtime.store.readStream('ownership-structure');
    expect(events.filter((e) => e.data.ownedId === owned)).toHaveLength(1);
  });

  it('of A owning B and B owning A at once, only one is written (no cycle)', async () => {
    const [a, b] = await Promise.all([company(), company()]);
    const answers = await Promise.all([
      hub.http.post('/api/ownerships').send({ ownerId: a, ownedId: b, percent: 10 }),
      hub.http.post('/api/ownerships').send({ ownerId: b, ownedId: a, percent: 10 }),
    ]);
    expectOneWinner(answers, 201, ['ownership.cycle']);
  });

  it('of A → B and B → C invoice-to at once, only one is written (no chain)', async () => {
    const [a, b, c] = await Promise.all([company(), company(), company()]);
    const answers = await Promise.all([
      hub.http.put(`/api/clients/${a}/invoice-to`).send({ clientId: b }),
      hub.http.put(`/api/clients/${b}/invoice-to`).send({ clientId: c }),
    ]);
    expectOneWinner(answers, 200, ['invoice-to.chain']);
    const [ra, rb] = await Promise.all([a, b].map((id) => hub.http.get(`/api/clients/${id}/relations`)));
    expect(Boolean(ra.body.invoiceToId) !== Boolean(rb.body.invoiceToId)).toBe(true);
  });

  it('of C → K and K → M linked at once, only one is written (one level)', async () => {
    const holding = await company();
    const [c, k, m] = await Promise.all([contactAt(holding, 'Cee'), contactAt(holding, 'Kay'), contactAt(holding, 'Em')]);
    const answers = await Promise.all([
      hub.http.put(`/api/contacts/${c}/main`).send({ contactId: k }),
      hub.http.put(`/api/contacts/${k}/main`).send({ contactId: m }),
    ]);
    expectOneWinner(answers, 200, ['contact.main-is-linked', 'contact.is-a-main']);
  });

  it('of two persons choosing the same life partner at once, only one is written', async () => {
    const person = async (n: number) => {
      const body = {
        kind: 'person',
        clientNumber: String(32000 + n),
        searchName: `P${n}`,
        person: { surname: `Person${n}` },
        address: { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
      };
      return (await hub.http.post('/api/clients').send(body).expect(201)).body.id as string;
    };
    const [p1, p2, p3] = await Promise.all([person(1), person(2), person(3)]);
    const answers = await Promise.all([
      hub.http.put(`/api/clients/${p1}/partner`).send({ clientId: p3 }),
      hub.http.put(`/api/clients/${p2}/partner`).send({ clientId: p3 }),
    ]);
    expectOneWinner(answers, 200, ['partner.already-linked']);
    const partner = (await hub.http.get(`/api/clients/${p3}/relations`)).body.partnerId;
    const winner = answers[0].status === 200 ? p1 : p2;
    expect(partner).toBe(winner);
    expect((await hub.http.get(`/api/clients/${winner}/relations`)).body.partnerId).toBe(p3);
  });

  it('of a Klant switching on the hours package and its invoice-to client leaving it at once, only one is written', async () => {
    for (let round = 0; round < 5; round++) {
      const target = await company({ debtorNumber: `T${next}`, packages: ['pinkweb', 'qicsmilestones'] });
      const client = await company({ debtorNumber: `A${next}`, packages: ['pinkweb'] });
      await hub.http.put(`/api/clients/${client}/invoice-to`).send({ clientId: target }).expect(200);
      await givenKlant(client);

      const answers = await Promise.all([
        hub.http.put(`/api/clients/${client}/packages`).send({ packages: ['pinkweb', 'qicsmilestones'] }),
        hub.http.put(`/api/clients/${target}/packages`).send({ packages: ['pinkweb'] }),
      ]);

      expectOneWinner(answers, 200, ['client.package-needs-unmet', 'invoice-to.target-still-needed']);
      const [clientCard, targetCard] = await Promise.all([client, target].map((id) => hub.http.get(`/api/clients/${id}`).expect(200)));
      expect(clientCard.body.packages.includes('qicsmilestones')).toBe(targetCard.body.packages.includes('qicsmilestones'));
    }
  });

  it('registers a contact with its main in one request, and a keyed repeat racing it appends once', async () => {
    const holding = await company();
    const main = await contactAt(holding, 'Main');
    const body = { surname: 'Linked', email: 'main@example.nl', portal: true, main: { contactId: main } };
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => hub.http.post(`/api/clients/${holding}/contacts`).set('Idempotency-Key', 'contact-race').send(body)),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers[0].body.main).toEqual({ kind: 'contact', id: main });
    const mainCard = await hub.http.get(`/api/contacts/${main}`).expect(200);
    expect(mainCard.body.linkedContactIds).toEqual([answers[0].body.id]);
  });
});
