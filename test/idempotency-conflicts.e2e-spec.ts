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
    const bus = hub.app.get(CommandBus);
    const run = bus.execute.bind(bus);
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const execute = jest.spyOn(bus, 'execute').mockImplementationOnce(async (command) => {
      await held;
      return run(command);
    });
    try {
      const first = hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).then((response) => response);
      while (execute.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = await hub.runtime.store.headPosition();

      // When a different request comes with that key meanwhile, then it is refused as a reused key
      const other = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(company());
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency-key.reused');
      expect(await hub.runtime.store.headPosition()).toBe(before);

      // When the same request races it, then both give the one registration
      const same = await hub.http.post('/api/clients').set('Idempotency-Key', key).send(body).expect(201);
      letGo();
      const answered = await first;
      expect(answered.status).toBe(201);
      expect(same.body.id).toBe(answered.body.id);
      const history = await hub.http.get(`/api/clients/${answered.body.id}/events`).expect(200);
      expect((history.body as Array<{ type: string }>).filter((e) => e.type === 'ClientRegistered')).toHaveLength(1);
    } finally {
      letGo();
      execute.mockRestore();
    }
  });
});
