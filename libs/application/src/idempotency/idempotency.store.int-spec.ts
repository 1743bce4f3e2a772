import { openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { idempotencyMigrations } from './idempotency.migrations';
import { IdempotencyStore } from './idempotency.store';

describe('stored Idempotency-Key answers, kept for 24 hours (PGlite)', () => {
  let test: TestDatabase;
  let answers: IdempotencyStore;
  const answer = (body: unknown) => ({ fingerprint: 'f', status: 201, body });
  const age = (key: string, hours: number) =>
    test.database.pool.query(`update idempotency_keys set created_at = now() - $2 * interval '1 hour' where key = $1`, [key, hours]);

  beforeAll(async () => {
    test = await openTestDatabase('pglite', idempotencyMigrations);
    answers = new IdempotencyStore(test.database.pool, 24);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('given an answer within the window, when the key comes again, then the first answer is found', async () => {
    await answers.save('alice', 'fresh', answer({ id: 1 }));
    await age('fresh', 23);

    expect(await answers.find('alice', 'fresh')).toMatchObject({ body: { id: 1 } });
  });

  it('given an answer past the window, when the key comes again, then it counts as never seen and a new answer is kept', async () => {
    await answers.save('alice', 'old', answer({ id: 1 }));
    await age('old', 25);

    expect(await answers.find('alice', 'old')).toBeUndefined();
    await answers.save('alice', 'old', answer({ id: 2 }));
    expect(await answers.find('alice', 'old')).toMatchObject({ body: { id: 2 } });
  });

  it('given answers in and past the window, when purged, then only the expired ones are deleted', async () => {
    await answers.save('bob', 'keep', answer({ card: 'kept' }));
    await answers.save('bob', 'expire', answer({ card: 'private address' }));
    await age('expire', 48);

    const deleted = await answers.purgeExpired();

    expect(deleted).toBe(1);
    const { rows } = await test.database.pool.query<{ key: string }>(`select key from idempotency_keys where actor = 'bob'`);
    expect(rows.map((r) => r.key)).toEqual(['keep']);
  });
});
