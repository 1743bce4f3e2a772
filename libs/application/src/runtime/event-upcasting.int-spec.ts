import { randomUUID } from 'node:crypto';
import { clientStream, EVENT_UPCASTERS, foldClient } from '@koppelhub/domain';
import { eventStoreMigrations, PostgresEventStore } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase, testDatabaseKinds as kinds } from '../../../eventstore/src/testing/test-database';

describe.each(kinds)('events written at an older schema version, read on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  const clientId = randomUUID();
  const stream = clientStream(clientId);

  beforeAll(async () => {
    test = await openTestDatabase(kind, eventStoreMigrations);
    store = await PostgresEventStore.open(test.database, { upcasters: EVENT_UPCASTERS });
    // Given a ClientRegistered of schema version 1 (package switches as booleans), inserted as raw
    // rows the way an earlier release of the hub wrote them
    const v1 = {
      clientId,
      kind: 'company',
      clientNumber: '30001',
      status: 'Prospect',
      details: {
        searchName: 'OUDVORM',
        company: { statutoryName: 'Oude Vorm B.V.' },
        address: { street: 'Kade', houseNumber: '1', postcode: '1011 AB', city: 'Amsterdam', country: 'NL' },
        packages: { twinfield: true, nextens: false, qicsmilestones: true },
      },
    };
    await test.database.pool.query(
      `insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
       values ($1, $2, 1, 'ClientRegistered', $3, $4)`,
      [randomUUID(), stream, JSON.stringify(v1), JSON.stringify({ actor: 'legacy', commandId: 'c1', correlationId: 'c1' })],
    );
    await test.database.pool.query('insert into es_streams (stream_name, version) values ($1, 1)', [stream]);
  });
  afterAll(async () => {
    await store.close();
    await test.dispose();
  });

  it('reads it back at version 2, through readStream and readAll alike', async () => {
    const [registered] = await store.readStream(stream);
    expect(registered.metadata.schemaVersion).toBe(2);
    expect(registered.data.details).toMatchObject({ packages: ['qicsmilestones', 'twinfield'] });
    const all = await store.readAll({ types: ['ClientRegistered'] });
    expect(all.find((e) => e.stream === stream)?.data).toEqual(registered.data);
  });

  it('reads it back at version 2 for a fold too, which reads only the version of the metadata', async () => {
    const folded = await store.readForFold({ types: ['ClientRegistered'] });
    expect(folded.find((e) => e.data.clientId === clientId)?.data.details).toMatchObject({ packages: ['qicsmilestones', 'twinfield'] });
  });

  it('folds into the current state, and the stored row keeps its original bytes', async () => {
    const state = foldClient(await store.readStream(stream));
    expect(state.exists && state.details.packages).toEqual(['qicsmilestones', 'twinfield']);
    const { rows } = await test.database.pool.query('select data, metadata from es_events where stream_name = $1', [stream]);
    expect(rows[0].data.details.packages).toEqual({ twinfield: true, nextens: false, qicsmilestones: true });
    expect(rows[0].metadata.schemaVersion).toBeUndefined();
  });

  it('writes new events of that type at version 2', async () => {
    // When a change is appended after the old event
    await store.append([{
      stream,
      expectedVersion: 1,
      events: [{
        id: randomUUID(),
        type: 'ClientDetailsChanged',
        data: { clientId, details: { searchName: 'NIEUW', packages: ['nextens'] }, changedFields: ['searchName'] },
        metadata: { actor: 'test', commandId: 'c2', correlationId: 'c2' },
      }],
    }]);
    // Then it is stamped with the current version and read as is
    const { rows } = await test.database.pool.query(
      `select metadata from es_events where stream_name = $1 and stream_version = 2`,
      [stream],
    );
    expect(rows[0].metadata.schemaVersion).toBe(2);
    const [, changed] = await store.readStream(stream);
    expect(changed.data.details).toEqual({ searchName: 'NIEUW', packages: ['nextens'] });
    // and read for a fold as is, its stamp read from the metadata's version alone
    const folded = await store.readForFold({ types: ['ClientDetailsChanged'] });
    expect(folded.find((e) => e.data.clientId === clientId)?.data.details).toEqual({ searchName: 'NIEUW', packages: ['nextens'] });
  });
});
