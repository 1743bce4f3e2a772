import { randomUUID } from 'node:crypto';
import { foldDossier, type Ubo } from '@koppelhub/domain';
import type { PostgresEventStore } from '@koppelhub/eventstore';
import { openTestEventStore, type TestEventStore } from '../../../../eventstore/src/testing/test-event-store';
import { newCommandMetadata } from '../../commands/command-metadata';
import type { HubRuntime } from '../../runtime/hub-runtime';
import { loadSettings } from '../../settings/settings';
import type { UboSource } from '../../ubos/ubo-source.port';
import { RecordWwftRegistrationCommand } from './record-wwft-registration.command';
import { RecordWwftRegistrationHandler } from './record-wwft-registration.handler';

const derived: Ubo[] = [{ name: 'Jan Pieter de Vries', kind: 'owner', clientId: randomUUID(), percent: 50, indirect: true }];

describe('recording a Wwft registration with UBOs prefilled from the ownership structure (PGlite)', () => {
  let test: TestEventStore;
  let store: PostgresEventStore;
  let handler: RecordWwftRegistrationHandler;
  const clientId = randomUUID();
  const asked: string[] = [];
  const ownership: UboSource = {
    ubosOf: async (id) => {
      asked.push(id);
      return derived;
    },
  };

  beforeAll(async () => {
    test = await openTestEventStore('pglite');
    store = test.store;
    const runtime = { settings: loadSettings({}) } as HubRuntime; // only the settings are read
    handler = new RecordWwftRegistrationHandler(store, runtime, ownership);
    // The DGA the ownership structure names, a person client (a UBO must name one)
    const dgaId = derived[0].clientId!;
    await store.append([
      {
        stream: `client-${dgaId}`,
        expectedVersion: 'no_stream',
        events: [
          {
            id: randomUUID(),
            type: 'ClientRegistered',
            data: {
              clientId: dgaId,
              kind: 'person',
              clientNumber: '40002',
              status: 'Prospect',
              details: {
                searchName: 'VRIES',
                person: { surname: 'Vries' },
                address: { street: 'Straat', houseNumber: '2', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
                packages: [],
              },
            },
            metadata: { actor: 'test', commandId: 'c', correlationId: 'c' },
          },
        ],
      },
      {
        stream: `client-${clientId}`,
        expectedVersion: 'no_stream',
        events: [
          {
            id: randomUUID(),
            type: 'ClientRegistered',
            data: {
              clientId,
              kind: 'company',
              clientNumber: '40001',
              status: 'Prospect',
              details: {
                searchName: 'PREFILL',
                company: { statutoryName: 'Prefill B.V.', legalForm: 'BV', kvkNumber: '61234567' },
                address: { street: 'Straat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
                packages: [],
              },
            },
            metadata: { actor: 'test', commandId: 'c', correlationId: 'c' },
          },
        ],
      },
    ]);
  });
  afterAll(() => test.dispose());

  const dossier = async () => foldDossier(await store.readStream(`client-${clientId}`));

  it('given no UBOs in the registration, then the derived ones are recorded (their checks still to do)', async () => {
    await handler.execute(new RecordWwftRegistrationCommand(clientId, { purpose: 'Jaarrekening' }, newCommandMetadata('key:r.jansen')));
    expect(asked).toEqual([clientId]);
    expect((await dossier()).wwft?.registration).toEqual({ purpose: 'Jaarrekening', ubos: derived });
  });

  it('given UBOs in the registration, then they are kept as entered', async () => {
    const entered: Ubo[] = [{ name: 'A. van den Berg', kind: 'pseudo' }];
    await handler.execute(
      new RecordWwftRegistrationCommand(clientId, { purpose: 'Jaarrekening', ubos: entered }, newCommandMetadata('key:r.jansen')),
    );
    expect((await dossier()).wwft?.registration.ubos).toEqual(entered);
  });
});
