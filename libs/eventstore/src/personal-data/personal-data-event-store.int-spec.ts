import { randomBytes, randomUUID } from 'node:crypto';
import type { AppendResult, JsonObject, StreamAppend } from '../event-store.port';
import { eventStoreMigrations } from '../postgres/migrations/eventstore.migrations';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { PersonalDataEventStore } from './personal-data-event-store';
import { personalDataMigrations } from './personal-data.migrations';
import { PersonalDataKeys } from './personal-data-keys';
import type { PersonalDataPolicy } from './personal-data-policy';

/** `data.bsn` is personal data of the subject `person:<data.personId>`. */
const policy: PersonalDataPolicy = {
  erasedValue: 'erased',
  targetsOf: (event) =>
    typeof event.data.personId === 'string'
      ? [{ subject: `person:${event.data.personId}`, scope: 'test', paths: [['bsn']] }]
      : [],
  erasedSubjectsOf: () => [],
};

describe('sealing personal data, and opening it for every reader (PGlite)', () => {
  let test: TestDatabase;
  let inner: PostgresEventStore;
  let store: PersonalDataEventStore;
  /** Another process on the same log: it has no keys cached. */
  let elsewhere: PersonalDataEventStore;
  const master = randomBytes(32);
  /** Fails the next append as a lost connection would, after the keys were made. */
  let failNext = false;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...personalDataMigrations]);
    inner = await PostgresEventStore.open(test.database);
    const failing = Object.assign(Object.create(inner) as PostgresEventStore, {
      append: (appends: StreamAppend[]): Promise<AppendResult> => {
        if (!failNext) return inner.append(appends);
        failNext = false;
        return Promise.reject(new Error('connection terminated'));
      },
    });
    store = new PersonalDataEventStore(failing, await PersonalDataKeys.open(test.database.pool, master), policy);
    elsewhere = new PersonalDataEventStore(inner, await PersonalDataKeys.open(test.database.pool, master), policy);
  });
  afterAll(async () => {
    await inner.close();
    await test.dispose();
  });

  it('given an append that failed after its key was made, and the key lost with a crash, when retried, then the data is sealed with a key that exists', async () => {
    const personId = randomUUID();
    const stream = `person-${personId}`;
    const registered = (): StreamAppend => ({
      stream,
      expectedVersion: 'no_stream',
      events: [{ id: randomUUID(), type: 'PersonRegistered', data: { personId, bsn: '111222333' } as JsonObject, metadata: { actor: 'test', commandId: 'c', correlationId: 'c' } }],
    });

    // Given an append that made the person's key and then failed
    failNext = true;
    await expect(store.append([registered()])).rejects.toThrow('connection terminated');
    // and a database crash that lost the key (it commits without waiting for the disk)
    await test.database.pool.query('delete from pd_keys where subject_id = $1', [`person:${personId}`]);

    // When the command is retried
    await store.append([registered()]);

    // Then the stored BSN opens anywhere: it was sealed with a key the database holds
    const [event] = await elsewhere.readStream(stream);
    expect(event.data.bsn).toBe('111222333');
  });

  it('given an event id in capitals, when appended and appended again, then both answers hold the data in clear', async () => {
    // Given an append under an upper-case id (the log keeps it lower-case)
    const personId = randomUUID();
    const id = randomUUID().toUpperCase();
    const registered = (): StreamAppend => ({
      stream: `person-${personId}`,
      expectedVersion: 'no_stream',
      events: [{ id, type: 'PersonRegistered', data: { personId, bsn: '111222333' } as JsonObject, metadata: { actor: 'test', commandId: 'c', correlationId: 'c' } }],
    });

    // When it is appended, and then retried
    const first = await elsewhere.append([registered()]);
    const again = await elsewhere.append([registered()]);

    // Then neither answer holds the sealed value
    expect(again.alreadyAppended).toBe(true);
    expect([first.events[0].data.bsn, again.events[0].data.bsn]).toEqual(['111222333', '111222333']);
  });

  it('given a sealed BSN in the log, when read for a fold, then the fold gets it opened, as readAll gives it', async () => {
    // Given a person registered with a BSN, sealed on the way in
    const personId = randomUUID();
    await elsewhere.append([{
      stream: `person-${personId}`,
      expectedVersion: 'no_stream',
      events: [{ id: randomUUID(), type: 'PersonRegistered', data: { personId, bsn: '111222333' } as JsonObject, metadata: { actor: 'test', commandId: 'c', correlationId: 'c' } }],
    }]);
    const { rows } = await test.database.pool.query(`select data->'bsn' as bsn from es_events where data->>'personId' = $1`, [personId]);
    expect(rows[0].bsn).not.toBe('111222333');

    // When a fold's reader (another process, no keys cached) reads the log
    const folded = (await store.readForFold({ types: ['PersonRegistered'] })).filter((event) => event.data.personId === personId);

    // Then it reads the BSN in clear
    expect(folded.map((event) => event.data.bsn)).toEqual(['111222333']);
  });
});
