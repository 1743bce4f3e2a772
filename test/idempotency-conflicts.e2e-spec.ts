import { CommandBus } from '@nestjs/cqrs';
import { ConcurrencyConflict } from '@koppelhub/application';
import { WrongExpectedVersion } from '@koppelhub/eventstore';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { startTestHub, type TestHub } from './support/test-hub';

const ADDRESS = { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' };

describeOnPostgres('which answers an Idempotency-Key replays, and a key used while its request runs (PostgreSQL)', () => {
  let hub: TestHub;
  let next = 42000;
  const company = (clientNumber = String(next++)) => ({
    kind: 'company',
    clientNumber,
    searchName: 'ACME',
    company: { statutoryName: 'Acme B.V.' },
    address: ADDRESS,
  });

  /** Holds the next command inside the command bus until let go: its request stays in progress. */
  function holdNextCommand() {
    const bus = hub.app.get(CommandBus);
    const run = bus.execute.bind(bus);
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const execute = jest.spyOn(bus, 'execute').mockImplementationOnce(async (command) => {
      await held;
      return run(command);
    });
    return {
      /** Resolves once the held command has reached the bus. */
      arrived: async () => {
        while (execute.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      },
      letGo: () => letGo(),
      release: () => {
        letGo();
        execute.mockRestore();
      },
    };
  }

  beforeAll(async () => {
    hub = await startTestHub('postgres');
  });
  afterAll(async () => {
    await hub.stop();
  });

  it.each([
    ['a conflict the retries could not resolve', () => new ConcurrencyConflict('client-x')],
    ['a version conflict', () => new WrongExpectedVersion('client-x', 1, 2)],
  ])('given %s answered with 409, when the keyed request is sent again, then it runs for real', async (_, conflict) => {
    // Given a registration that lost its race with concurrent writers
    const body = company();
    const execute = jest.spyOn(hub.app.get(CommandBus), 'execute').mockRejectedValueOnce(conflict());
    const refused = await hub.http.post('/api/clients').set('Idempotency-Key', `race-${body.clientNumber}`).send(body);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('concurrency.conflict');
    execute.mockRestore();

    // When the client reloads and tries again with the same key
    const again = await hub.http.post('/api/clients').set('Idempotency-Key', `race-${body.clientNumber}`).send(body);

    // Then the registration is made, not the conflict replayed
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.clientNumber).toBe(body.clientNumber);

    // While a client number already in use stays the answer to a keyed registration, replayed as given
    const duplicate = company(body.clientNumber);
    const taken = await hub.http.post('/api/clients').set('Idempotency-Key', `taken-${body.clientNumber}`).send(duplicate).expect(409);
    expect(taken.body.code).toBe('client.duplicate-client-number');
    const replayed = await hub.http.post('/api/clients').set('Idempotency-Key', `taken-${body.clientNumber}`).send(duplicate).expect(409);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(taken.body);
  });

  it('given a keyed request still running, when another request comes with that key, then it is refused and writes nothing', async () => {
    // Given a registration held inside the command bus
    const body = company();
    const key = `running-${body.clientNumber}`;
    const held = holdNextCommand();
    try {
      const first = hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).then((response) => response);
      await held.arrived();
      const before = await hub.runtime.store.headPosition();

      // When a different request comes with that key meanwhile, then it is refused as a reused key
      const other = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(company());
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency-key.reused');
      expect(await hub.runtime.store.headPosition()).toBe(before);

      // When the same request races it, then it waits for the first and gives its answer again
      const racing = hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 100));
      held.letGo();
      const [answered, same] = await Promise.all([first, racing]);
      expect(answered.status).toBe(201);
      expect(same.status).toBe(201);
      expect(same.headers['idempotent-replayed']).toBe('true');
      expect(same.body).toEqual(answered.body);
      const history = await hub.http.get(`/api/clients/${answered.body.id}/events`).expect(200);
      expect((history.body as Array<{ type: string }>).filter((e) => e.type === 'ClientRegistered')).toHaveLength(1);
    } finally {
      held.release();
    }
  });

  it('given a keyed designation held in the command bus, when its repeat races it, then the repeat gives the first answer rather than a refusal of what succeeded', async () => {
    // Given a client, and its designation as head held inside the command bus
    const client = (await hub.http.post('/api/clients').send(company()).expect(201)).body.id as string;
    const key = `designate-${client}`;
    const held = holdNextCommand();
    try {
      const first = hub.http.put(`/api/clients/${client}/cluster-head`).set('Idempotency-Key', key).then((response) => response);
      await held.arrived();

      // When the same request is sent again meanwhile, and the first then goes on
      const repeat = hub.http.put(`/api/clients/${client}/cluster-head`).set('Idempotency-Key', key).then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 100));
      held.letGo();
      const [answered, repeated] = await Promise.all([first, repeat]);

      // Then both say the designation was made, and so does every later repeat
      expect([answered.status, repeated.status]).toEqual([200, 200]);
      expect(repeated.body).toEqual(answered.body);
      const later = await hub.http.put(`/api/clients/${client}/cluster-head`).set('Idempotency-Key', key).expect(200);
      expect(later.headers['idempotent-replayed']).toBe('true');
    } finally {
      held.release();
    }
  });

  it('given a key whose answer has expired, when it comes again with another request, then that request is carried out, not taken for the first', async () => {
    // Given a registration under a key whose stored answer is past the window
    const key = `expired-${next}`;
    await hub.http.post('/api/clients').set('Idempotency-Key', key).send(company()).expect(201);
    await hub.runtime.database.pool.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key = $1`, [key]);

    // When the key is used again for another registration
    const other = company();
    const before = await hub.runtime.store.headPosition();
    const registered = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(other).expect(201);

    // Then that client is registered: its own events written, its own number
    expect(registered.body.clientNumber).toBe(other.clientNumber);
    expect(await hub.runtime.store.headPosition()).toBeGreaterThan(before);
    const found = await hub.http.get(`/api/clients/${registered.body.id}`).expect(200);
    expect(found.body.clientNumber).toBe(other.clientNumber);
  });
});
