import { randomBytes, randomUUID } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
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
