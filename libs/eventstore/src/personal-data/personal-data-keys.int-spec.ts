import { randomBytes, randomUUID } from 'node:crypto';
import { describeOnPostgres, openTestDatabase, type TestDatabase, testDatabaseKinds } from '../testing/test-database';
import { personalDataMigrations } from './personal-data.migrations';
import { PersonalDataKeys } from './personal-data-keys';

describe('making per-person keys for concurrent writers (PGlite)', () => {
  let test: TestDatabase;
  let keys: PersonalDataKeys;
  let statements: jest.SpyInstance;
  /** The key-making statements sent so far, on the real pool. */
  const makeCalls = () => statements.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('pd_make_keys')).length;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', personalDataMigrations);
    statements = jest.spyOn(test.database.pool, 'query');
    keys = await PersonalDataKeys.open(test.database.pool, randomBytes(32));
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('given twenty new people registered at once, when their keys are made, then the writers share the statements and each person gets one key', async () => {
    const people = Array.from({ length: 20 }, () => `client:${randomUUID()}`);
    const before = makeCalls();

    const made = await Promise.all(people.map((subject) => keys.forWriting(new Map([[subject, 'scope']]))));

    expect(makeCalls() - before).toBeLessThan(people.length);
    const { rows } = await test.database.pool.query<{ count: string }>('select count(*) from pd_keys where subject_id = any($1)', [people]);
    expect(Number(rows[0].count)).toBe(people.length);
    made.forEach((answer, index) => expect(answer.get(people[index])).toBeInstanceOf(Buffer));
  });

  it('given two writers sealing for the same new person at once, when their keys are made, then both get the same key', async () => {
    const subject = `client:${randomUUID()}`;

    const [first, second] = await Promise.all([
      keys.forWriting(new Map([[subject, 'scope']])),
      keys.forWriting(new Map([[subject, 'scope']])),
    ]);

    expect(first.get(subject)).toEqual(second.get(subject));
  });
});

describe.each(testDatabaseKinds)('an erased client’s scope takes no new keys (%s)', (kind) => {
  let test: TestDatabase;
  let keys: PersonalDataKeys;

  beforeAll(async () => {
    test = await openTestDatabase(kind, personalDataMigrations);
    keys = await PersonalDataKeys.open(test.database.pool, randomBytes(32));
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('given a client whose own subject was erased, when a key is asked for a new contact in its scope, then none is made and it reads as erased', async () => {
    // Given a client with one contact, erased
    const client = `client:${randomUUID()}`;
    const contact = `contact:${randomUUID()}`;
    await keys.forWriting(new Map([[contact, client]]));
    await keys.erase([client, contact], client);

    // When a new contact at that client needs a key, and a contact elsewhere too
    const late = `contact:${randomUUID()}`;
    const elsewhere = `contact:${randomUUID()}`;
    const made = await keys.forWriting(new Map([[late, client], [elsewhere, `client:${randomUUID()}`]]));

    // Then the late one gets none (the store refuses to seal for it) and nothing is stored for it
    expect(made.get(late)).toBeNull();
    expect(made.get(elsewhere)).toBeInstanceOf(Buffer);
    expect((await keys.inScope(client)).map(({ subject, erased }) => [subject, erased])).toEqual(
      [[client, true], [contact, true]].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  });
});

describeOnPostgres('an erasure beside a key being made in its scope (PostgreSQL)', () => {
  let test: TestDatabase;
  let keys: PersonalDataKeys;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', personalDataMigrations);
    keys = await PersonalDataKeys.open(test.database.pool, randomBytes(32));
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('given a key being made in the scope, uncommitted, when the scope is erased, then the erasure waits for it, and a look afterwards finds it', async () => {
    const client = `client:${randomUUID()}`;
    const late = `contact:${randomUUID()}`;
    // Given a writer making a key for a contact at the client, its transaction still open
    const writer = await test.database.pool.connect();
    try {
      await writer.query('begin');
      await writer.query('select * from pd_make_keys($1::text[], $2::text[], $3::bytea[])', [[late], [client], [randomBytes(60)]]);

      // When the client's scope is erased (as its erasure decided before the key was there)
      let erased = false;
      const erasing = keys.erase([client], client).then(() => (erased = true));
      await new Promise((resolve) => setTimeout(resolve, 300));

      // Then it waits for the writer ...
      expect(erased).toBe(false);
      await writer.query('commit');
      await erasing;
    } finally {
      writer.release();
    }
    // ... and the key made is in the scope, not erased: the erasure's next pass finds it
    expect(await keys.inScope(client)).toEqual(
      [{ subject: client, erased: true }, { subject: late, erased: false }].sort((a, b) => a.subject.localeCompare(b.subject)),
    );
    // And a key asked for after the erasure is refused
    expect((await keys.forWriting(new Map([[`contact:${randomUUID()}`, client]]))).values().next().value).toBeNull();
  });
});
