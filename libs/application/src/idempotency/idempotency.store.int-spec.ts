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

  it('given an answer with the position its command wrote at, when found, then the position comes with it', async () => {
    await answers.save('dave', 'written', { ...answer({ id: 3 }), eventPosition: 9_007_199_254 });
    await answers.save('dave', 'refused', answer({ code: 'client.not-found' }));

    expect(await answers.find('dave', 'written')).toEqual({ fingerprint: 'f', status: 201, body: { id: 3 }, eventPosition: 9_007_199_254 });
    expect(await answers.find('dave', 'refused')).toEqual({ fingerprint: 'f', status: 201, body: { code: 'client.not-found' } });
  });

  it('given an answer stored before positions were kept, when found, then it comes without one', async () => {
    await test.database.pool.query(
      `insert into idempotency_keys (actor, key, fingerprint, status, body) values ('dave', 'older', 'f', 200, '{"id":4}')`,
    );

    expect(await answers.find('dave', 'older')).toEqual({ fingerprint: 'f', status: 200, body: { id: 4 } });
  });

  it('given a key claimed by a running request, when claimed again, then it is in progress until the answer is saved', async () => {
    expect(await answers.claim('carol', 'busy', 'f')).toEqual({ claimed: true });

    expect(await answers.claim('carol', 'busy', 'f')).toEqual({ claimed: false, inProgress: true, fingerprint: 'f' });

    await answers.save('carol', 'busy', answer({ id: 7 }));
    expect(await answers.claim('carol', 'busy', 'f')).toMatchObject({ claimed: false, inProgress: false, answer: { body: { id: 7 } } });
  });

  it('given a claim given up by its request, when the key comes again, then it can be claimed', async () => {
    await answers.claim('carol', 'failed', 'f');

    await answers.release('carol', 'failed');

    expect(await answers.claim('carol', 'failed', 'f')).toEqual({ claimed: true });
  });

  it('given a claim left by a process that stopped mid-request, when the key comes again minutes later, then it is taken over', async () => {
    await answers.claim('carol', 'left', 'f');
    await test.database.pool.query(`update idempotency_keys set created_at = now() - interval '3 minutes' where key = 'left'`);

    expect(await answers.claim('carol', 'left', 'f')).toEqual({ claimed: true });
  });
});
