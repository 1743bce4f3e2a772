import type { Response } from 'supertest';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { refusedWritingNothing } from './support/refused-writing-nothing';
import { type HttpAgent, startTestHub, type TestHub } from './support/test-hub';

const ADDRESS = { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' };
const NOT_A_COUNTRY = 'country must be an ISO 3166-1 alpha-2 country code, like NL';
/** A day after the hub's today whatever the hour the suite runs (the hub decides in UTC). */
const AFTER_TODAY = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

describeOnPostgres('implausible input is refused by name and writes nothing (PostgreSQL)', () => {
  let hub: TestHub;
  let relatiebeheer: HttpAgent;
  let person: string;
  let company: string;
  let contact: string;
  let next = 43000;

  const register = async (body: Record<string, unknown>) =>
    (await hub.http.post('/api/clients').send({ clientNumber: String(next++), address: ADDRESS, ...body }).expect(201)).body.id as string;
  const personBody = (fields: Record<string, unknown> = {}, address: Record<string, unknown> = ADDRESS) => ({
    kind: 'person',
    clientNumber: String(next++),
    searchName: 'VRIES',
    person: { surname: 'Vries', ...fields },
    address,
  });
  const historyOf = async (clientId: string) => (await hub.http.get(`/api/clients/${clientId}/events`).expect(200)).body as unknown[];

  /** Sends the request and expects a 400 problem with `violation` among its violations, and no event appended anywhere. */
  async function expectRefused(send: () => PromiseLike<Response>, violation: { field: string; message?: string }): Promise<Response> {
    const response = await refusedWritingNothing(hub, send, 400);
    expect(response.body.violations).toContainEqual(violation.message ? violation : expect.objectContaining(violation));
    return response;
  }

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    relatiebeheer = await hub.as('r.jansen', 'relatiebeheer');
    person = await register({ kind: 'person', searchName: 'PIET', person: { firstNames: 'Piet', surname: 'Post', dateOfBirth: '1970-01-01' } });
    company = await register({ kind: 'company', searchName: 'ACME', company: { statutoryName: 'Acme B.V.' } });
    contact = (await hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'Jansen' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await hub.stop();
  });

  describe('a person’s date of birth', () => {
    it.each([
      ['2999-01-01', 'dateOfBirth must not lie in the future'],
      [AFTER_TODAY, 'dateOfBirth must not lie in the future'],
      ['1899-12-31', 'dateOfBirth must not lie before 1900-01-01'],
    ])('given %s, when a person client is registered, then it is refused', async (dateOfBirth, message) => {
      await expectRefused(() => hub.http.post('/api/clients').send(personBody({ dateOfBirth })), { field: 'person.dateOfBirth', message });
    });

    it('given 2999-01-01, when a person client’s card is changed, then it is refused and its history is unchanged', async () => {
      const history = await historyOf(person);

      await expectRefused(() => hub.http.patch(`/api/clients/${person}`).send({ person: { dateOfBirth: '2999-01-01' } }), {
        field: 'person.dateOfBirth',
        message: 'dateOfBirth must not lie in the future',
      });

      expect(await historyOf(person)).toEqual(history);
    });
  });

  describe('a date written other than as YYYY-MM-DD, with another field wrong too', () => {
    const DATE = 'must be a date as YYYY-MM-DD';

    it('given dateOfBirth 19680412 and a BSN failing the eleven-check, when a person client is registered, then one 400 names both', async () => {
      const response = await refusedWritingNothing(hub, () => hub.http.post('/api/clients').send(personBody({ dateOfBirth: '19680412', bsn: '123456789' })), 400);

      expect(response.body.violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'person.bsn' }),
          { field: 'person.dateOfBirth', message: `dateOfBirth ${DATE}` },
        ]),
      );
    });

    it('given an ID document issued 19680412, a UBO holding 0 % and an unknown CDD level, when the Wwft registration is recorded, then one 400 names all three', async () => {
      const registration = {
        cdd: { level: 'thorough' },
        identification: { idDocument: { type: 'paspoort', number: 'NWR7H4K21', issuedPlace: 'Utrecht', issuedAt: '19680412', expiresAt: '2032-03-01' } },
        ubos: [{ name: 'Piet Post', kind: 'pseudo', percent: 0 }],
      };

      const response = await refusedWritingNothing(hub, () => hub.http.put(`/api/clients/${person}/wwft`).send(registration), 400);

      expect(response.body.violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'cdd.level' }),
          { field: 'identification.idDocument.issuedAt', message: `issuedAt ${DATE}` },
          { field: 'ubos.0.percent', message: 'percent must be above 0 and at most 100' },
        ]),
      );
    });

    it.each(['2026-05', '2026-W05-1', '2026-123', '2026-05-01T00:00:00Z'])(
      'given checkedAt %s and an unknown screening result, when the Wwft registration is recorded, then one 400 names both',
      async (checkedAt) => {
        const registration = { screening: { pep: { result: 'maybe', checkedAt } } };

        const response = await refusedWritingNothing(hub, () => hub.http.put(`/api/clients/${person}/wwft`).send(registration), 400);

        expect(response.body.violations).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: 'screening.pep.result' }),
            { field: 'screening.pep.checkedAt', message: `checkedAt ${DATE}` },
          ]),
        );
      },
    );
  });

  describe('an address’s country', () => {
    it('given XX, when a client is registered, then it is refused', async () => {
      await expectRefused(() => hub.http.post('/api/clients').send(personBody({}, { ...ADDRESS, country: 'XX' })), {
        field: 'address.country',
        message: NOT_A_COUNTRY,
      });
    });

    it('given nl, when a client is registered, then it is stored as NL', async () => {
      const id = await register({ kind: 'person', searchName: 'KLEIN', person: { surname: 'Klein' }, address: { ...ADDRESS, country: 'nl' } });
      expect((await hub.http.get(`/api/clients/${id}`).expect(200)).body.address).toMatchObject({ country: 'NL', postcode: '1234 AB' });
    });

    it('given XX, when only the country of a client’s address is changed, then it is refused', async () => {
      await expectRefused(() => hub.http.patch(`/api/clients/${person}`).send({ address: { country: 'XX' } }), {
        field: 'address.country',
        message: NOT_A_COUNTRY,
      });
    });

    it('given XX in a contact’s private address, when the contact is registered or changed, then it is refused', async () => {
      const address = { ...ADDRESS, country: 'XX' };
      await expectRefused(() => hub.http.post(`/api/clients/${company}/contacts`).send({ surname: 'V', private: { address } }), {
        field: 'private.address.country',
        message: NOT_A_COUNTRY,
      });
      await expectRefused(() => hub.http.patch(`/api/contacts/${contact}`).send({ private: { address } }), {
        field: 'private.address.country',
        message: NOT_A_COUNTRY,
      });
    });
  });

  describe('the Wwft registration', () => {
    const passport = { type: 'paspoort', number: 'NWR7H4K21', issuedPlace: 'Utrecht' };
    const screened = { result: 'no-hit', checkedAt: '2026-11-02' };

    it.each([
      [
        'an ID document that expires before it was issued',
        { identification: { idDocument: { ...passport, issuedAt: '2022-03-01', expiresAt: '2021-03-01' } } },
        'identification.idDocument.expiresAt',
      ],
      [
        'an ID document issued after today',
        { identification: { idDocument: { ...passport, issuedAt: AFTER_TODAY, expiresAt: '2999-01-01' } } },
        'identification.idDocument.issuedAt',
      ],
      ['a PEP check dated after today', { screening: { pep: { ...screened, checkedAt: AFTER_TODAY } } }, 'screening.pep.checkedAt'],
      [
        'a UBO’s sanctions screening dated after today',
        { ubos: [{ name: 'Piet Post', kind: 'pseudo', sanctions: { ...screened, checkedAt: '2999-01-01', lists: ['EU'] } }] },
        'ubos.0.sanctions.checkedAt',
      ],
    ])('given %s, when it is recorded, then it is refused naming the date', async (_, registration, field) => {
      await expectRefused(() => hub.http.put(`/api/clients/${person}/wwft`).send(registration), { field });
    });

    it('given a sanctions screening naming 10,000 lists, when it is recorded, then it is refused', async () => {
      const lists = Array.from({ length: 10_000 }, (_, i) => `L${i}`);
      await expectRefused(() => hub.http.put(`/api/clients/${person}/wwft`).send({ screening: { sanctions: { ...screened, lists } } }), {
        field: 'screening.sanctions.lists',
        message: 'lists may name at most 50 sanctions lists',
      });

      // While the registration with plausible dates and lists is recorded
      const plausible = {
        identification: { idDocument: { ...passport, issuedAt: '2022-03-01', expiresAt: '2032-03-01' } },
        screening: { pep: screened, sanctions: { ...screened, lists: ['NL-terrorisme', 'EU', 'UN'] } },
      };
      await hub.http.put(`/api/clients/${person}/wwft`).send(plausible).expect(200);
    });
  });

  describe('a status step carrying a field of another step', () => {
    it.each([
      [{ approverId: 'key:a.bakker' }, { field: 'approverId', message: 'approverId is only given with the step to Ter goedkeuring' }],
      [{ endDate: '2026-12-31' }, { field: 'endDate', message: 'endDate is only given with the step to Geen klant meer' }],
    ])('given %j with the step to Klantaanvraag, then it is refused naming it', async (extra, violation) => {
      const id = await register({ kind: 'company', searchName: 'STAP', company: { statutoryName: 'Stap B.V.' } });

      await expectRefused(() => relatiebeheer.post(`/api/clients/${id}/status`).send({ to: 'Klantaanvraag', ...extra }), violation);

      // And the step itself, without it, is taken
      const taken = await relatiebeheer.post(`/api/clients/${id}/status`).send({ to: 'Klantaanvraag' }).expect(200);
      expect(taken.body.status).toBe('Klantaanvraag');
    });
  });
});
