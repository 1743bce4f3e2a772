import { randomUUID } from 'node:crypto';
import { clientNumberStream, clientStream } from '@koppelhub/domain';
import type { PostgresEventStore } from '@koppelhub/eventstore';
import { openTestEventStore, type TestEventStore } from '../../../../eventstore/src/testing/test-event-store';
import { newCommandMetadata } from '../../commands/command-metadata';
import { RegisterClientCommand, type RegisterClientInput } from './register-client.command';
import { clientIdOf, RegisterClientHandler } from './register-client.handler';

const registration = (clientNumber: string): RegisterClientInput => ({
  kind: 'company',
  clientNumber,
  startStatus: 'Prospect',
  details: {
    searchName: 'UNIEK',
    company: { legalForm: 'BV', statutoryName: 'Uniek B.V.' },
    address: { street: 'Kade', houseNumber: '1', postcode: '1011 AB', city: 'Amsterdam', country: 'NL' },
    packages: [],
  },
});

describe('registering client numbers (PGlite)', () => {
  let test: TestEventStore;
  let store: PostgresEventStore;
  let handler: RegisterClientHandler;
  const register = (clientNumber: string, commandId = randomUUID()) =>
    handler.execute(new RegisterClientCommand(registration(clientNumber), newCommandMetadata('test', { commandId })));
  const head = async () => store.headPosition();

  beforeAll(async () => {
    test = await openTestEventStore('pglite');
    store = test.store;
    handler = new RegisterClientHandler(store);
  });
  afterAll(() => test.dispose());

  it('given a new number, when registered, then one event lands on the client stream whose id the number gives', async () => {
    const result = await register('40001');

    expect(result.clientId).toBe(clientIdOf('40001'));
    expect((await store.readStream(clientStream(clientIdOf('40001')))).map((e) => e.type)).toEqual(['ClientRegistered']);
  });

  it('given a registered number, when another request registers it, then it is refused and nothing is written', async () => {
    await register('40002');
    const before = await head();

    await expect(register('40002')).rejects.toMatchObject({ code: 'client.duplicate-client-number' });
    expect(await head()).toBe(before);
  });

  it('given a number registered, when the same request comes again, then it gets the first answer and nothing is written', async () => {
    const commandId = randomUUID();
    const first = await register('40003', commandId);
    const before = await head();

    const again = await register('40003', commandId);

    expect(again).toMatchObject({ clientId: first.clientId, position: first.position, changed: false });
    expect(await head()).toBe(before);
  });

  it('given a number reserved by an earlier registration under another id, when registered, then it is refused and nothing is written', async () => {
    // Given the reservation an earlier release wrote beside a client with a random id
    const earlierId = randomUUID();
    await store.append([
      {
        stream: clientNumberStream('40004'),
        expectedVersion: 'no_stream',
        events: [
          {
            id: randomUUID(),
            type: 'ClientNumberReserved',
            data: { clientNumber: '40004', clientId: earlierId },
            metadata: { actor: 'earlier', commandId: randomUUID(), correlationId: randomUUID() },
          },
        ],
      },
    ]);
    const before = await head();

    await expect(register('40004')).rejects.toMatchObject({ code: 'client.duplicate-client-number' });
    expect(await head()).toBe(before);
    expect(await store.readStream(clientStream(clientIdOf('40004')))).toEqual([]);
  });
});
