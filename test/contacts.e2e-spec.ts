import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { startTestHub, type TestHub } from './support/test-hub';

const ADDRESS = { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' };

describeOnPostgres('contact lifecycle and person relations over HTTP (PostgreSQL)', () => {
  let hub: TestHub;
  let company: string;
  let other: string;
  let person: string;
  let next = 33000;
  const eventCount = () => hub.runtime.store.headPosition();

  const register = async (body: Record<string, unknown>) =>
    (await hub.http.post('/api/clients').send({ clientNumber: String(next++), address: ADDRESS, ...body }).expect(201)).body.id as string;
  const contactAt = async (clientId: string, body: Record<string, unknown>) =>
    (await hub.http.post(`/api/clients/${clientId}/contacts`).send(body).expect(201)).body.id as string;

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    company = await register({ kind: 'company', searchName: 'ACME', company: { statutoryName: 'Acme B.V.' } });
    other = await register({ kind: 'company', searchName: 'OTHER', company: { statutoryName: 'Other B.V.' } });
    person = await register({ kind: 'person', searchName: 'PIET', person: { firstNames: 'Piet', surname: 'Post' }, email: 'piet@prive.nl' });
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('a main contact’s private change reaches its linked contact; editing the linked one directly is refused', async () => {
    const main = await contactAt(company, { surname: 'Jansen', email: 'm.jansen@acme.nl', portal: true, private: { mobile: '06-11111111' } });
    const linked = await contactAt(other, { surname: 'Jansen', email: 'm.jansen@acme.nl', portal: true, main: { contactId: main } });
    expect((await hub.http.get(`/api/contacts/${linked}`)).body.private).toEqual({ mobile: '06-11111111' });

    await hub.http.patch(`/api/contacts/${main}`).send({ private: { email: 'marieke@prive.nl' } }).expect(200);

    const card = await hub.http.get(`/api/contacts/${linked}`).expect(200);
    expect(card.body.private).toEqual({ mobile: '06-11111111', email: 'marieke@prive.nl' });
    const before = await eventCount();
    const refused = await hub.http.patch(`/api/contacts/${linked}`).send({ private: { mobile: '06-2' } }).expect(422);
    expect(refused.body.code).toBe('contact.private-data-follows-main');
    expect(await eventCount()).toBe(before);
    await hub.http.patch(`/api/contacts/${linked}`).send({ phone: '030-1' }).expect(200);

    const removeMain = await hub.http.delete(`/api/contacts/${main}`).expect(422);
    expect(removeMain.body.code).toBe('contact.is-a-main');
    await hub.http.delete(`/api/contacts/${linked}/main`).expect(200);
    await hub.http.delete(`/api/contacts/${main}`).expect(200);
    await hub.http.get(`/api/contacts/${main}`).expect(404);
    const history = await hub.http.get(`/api/contacts/${main}/events`).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'ContactRegistered',
      'LinkedContactAdded',
      'ContactChanged',
      'LinkedContactRemoved',
      'ContactRemoved',
    ]);
  });

  it('a portal grant through a linked registration is decided again when the contact leaves that group meanwhile', async () => {
    // Given main M, contact A linked to it, and M's linked registration B at a third client, portal off
    const third = await register({ kind: 'company', searchName: 'THIRD', company: { statutoryName: 'Third B.V.' } });
    const main = await contactAt(company, { surname: 'Mol', email: 'mol@acme.nl', portal: true });
    const a = await contactAt(other, { surname: 'Mol', email: 'mol@acme.nl', portal: true, main: { contactId: main } });
    const b = await contactAt(third, { surname: 'Mol', email: 'mol@acme.nl', portal: false, main: { contactId: main } });
    // When A is unlinked from M while the grant for A at the third client has read the group with A in it
    const store = hub.runtime.store;
    const read = store.readStream.bind(store);
    let unlinked = false;
    const spy = jest.spyOn(store, 'readStream').mockImplementation(async (stream, options) => {
      if (stream === `contact-${b}` && !unlinked) {
        unlinked = true;
        await hub.http.delete(`/api/contacts/${a}/main`).expect(200);
      }
      return read(stream, options);
    });
    const granted = await hub.http.put(`/api/contacts/${a}/portal-access`).send({ clientId: third });
    spy.mockRestore();

    // Then the grant is decided again over the unlink and lost to it: A alone has no registration
    // there, and B stays off
    expect(unlinked).toBe(true);
    expect(granted.status).toBe(409);
    expect(granted.body).toMatchObject({ code: 'portal.no-registration', concurrentChange: true });
    expect((await hub.http.get(`/api/contacts/${b}`).expect(200)).body.portal).toBe(false);
  });

  it('a person client clearing its private e-mail clears it in its linked contacts too', async () => {
    const dga = await register({ kind: 'person', searchName: 'DGA', person: { firstNames: 'Els', surname: 'Smit' }, email: 'els@prive.nl' });
    // The main's id spelled in capitals, as any id in a body may be
    const linked = await contactAt(company, { surname: 'Smit', email: 'e.smit@acme.nl', main: { clientId: dga.toUpperCase() } });
    expect((await hub.http.get(`/api/contacts/${linked}`)).body.private).toMatchObject({ email: 'els@prive.nl' });

    const cleared = await hub.http.patch(`/api/clients/${dga}`).send({ email: null }).expect(200);

    expect(cleared.body).not.toHaveProperty('email');
    const card = await hub.http.get(`/api/contacts/${linked}`).expect(200);
    expect(card.body.private).toEqual({ address: ADDRESS });
    const history = await hub.http.get(`/api/clients/${dga}/events`).expect(200);
    expect(history.body.at(-1)).toMatchObject({ type: 'ClientDetailsChanged', data: { changedFields: ['email'] } });
  });

  it('a contact following a person whose e-mail has capitals can still be edited, its copy lower-case', async () => {
    const dga = await register({ kind: 'person', searchName: 'DGA2', person: { firstNames: 'Ruud', surname: 'Kok' }, email: 'Ruud.Kok@Prive.NL' });
    const linked = await contactAt(company, { surname: 'Kok', email: 'r.kok@acme.nl', portal: true, main: { clientId: dga } });
    expect((await hub.http.get(`/api/contacts/${linked}`)).body.private).toMatchObject({ email: 'ruud.kok@prive.nl' });

    const switchedOff = await hub.http.patch(`/api/contacts/${linked}`).send({ portal: false }).expect(200);

    expect(switchedOff.body).toMatchObject({ portal: false, private: { email: 'ruud.kok@prive.nl' } });
  });

  it('refuses a company as main and an unknown main, writing nothing', async () => {
    const contact = await contactAt(company, { surname: 'Bakker', portal: false });
    const before = await eventCount();
    expect((await hub.http.put(`/api/contacts/${contact}/main`).send({ clientId: company }).expect(422)).body.code).toBe('contact.main-not-a-person');
    await hub.http.put(`/api/contacts/${contact}/main`).send({ contactId: '6b0e7c52-0000-4000-8000-000000000000' }).expect(404);
    await hub.http.put(`/api/contacts/${contact}/main`).send({ clientId: person, contactId: contact }).expect(400);
    await hub.http.put(`/api/contacts/${contact}/main`).send({}).expect(400);
    expect(await eventCount()).toBe(before);
  });

  it('a person’s correspondence company must be related: refused for a stranger, allowed once the person owns it', async () => {
    const refused = await hub.http.put(`/api/clients/${person}/correspondence-company`).send({ clientId: company }).expect(422);
    expect(refused.body.code).toBe('correspondence-company.not-related');
    await hub.http.post('/api/ownerships').send({ ownerId: person, ownedId: company, percent: 100 }).expect(201);

    const set = await hub.http.put(`/api/clients/${person}/correspondence-company`).send({ clientId: company }).expect(200);

    expect(set.body.correspondenceCompanyId).toBe(company);
    const position = set.headers['x-event-position'];
    const mail = await hub.http.get(`/api/clients/${person}/mailing-address`).set('X-Min-Position', position).expect(200);
    expect(mail.body).toMatchObject({ via: 'correspondence-company', addressee: 'Piet Post', careOf: 'Acme B.V.' });
    const cleared = await hub.http.delete(`/api/clients/${person}/correspondence-company`).expect(200);
    const own = await hub.http.get(`/api/clients/${person}/mailing-address`).set('X-Min-Position', cleared.headers['x-event-position']).expect(200);
    expect(own.body).toMatchObject({ via: 'own', addressee: 'Piet Post' });
  });

  it('removes an ownership link, and the UBOs follow', async () => {
    const owned = await register({ kind: 'company', searchName: 'OWNED', company: { statutoryName: 'Owned B.V.' } });
    const link = await hub.http.post('/api/ownerships').send({ ownerId: person, ownedId: owned, percent: 30 }).expect(201);
    let ubos = await hub.http.get(`/api/clients/${owned}/ubos`).set('X-Min-Position', link.headers['x-event-position']).expect(200);
    expect(ubos.body.ubos).toEqual([expect.objectContaining({ clientId: person, percent: 30, indirect: false })]);

    // Its id spelled in capitals, as a path id may be
    const removed = await hub.http.delete(`/api/ownerships/${link.body.id.toUpperCase()}`).expect(200);

    ubos = await hub.http.get(`/api/clients/${owned}/ubos`).set('X-Min-Position', removed.headers['x-event-position']).expect(200);
    expect(ubos.body.ubos).toEqual([]);
    await hub.http.delete(`/api/ownerships/${link.body.id}`).expect(404);
  });
});
