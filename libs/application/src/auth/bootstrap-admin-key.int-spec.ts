import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { authMigrations } from './auth.migrations';
import { ApiKeyStore } from './api-key.store';
import { bootstrapAdminKey } from './bootstrap-admin-key';

const ENV_KEY = 'env-admin-key-0123456789abcdefghijklmnop';

describe('bootstrapping the first admin key (PGlite)', () => {
  let test: TestDatabase;
  let keys: ApiKeyStore;
  beforeEach(async () => {
    test = await openTestDatabase('pglite', authMigrations);
    keys = new ApiKeyStore(test.database.pool);
  });
  afterEach(async () => {
    await test.dispose();
  });

  it('given an embedded first start without ADMIN_API_KEY, then one admin key is generated and returned once', async () => {
    const first = await bootstrapAdminKey({}, { mode: 'embedded' }, keys);
    expect(first.outcome).toBe('generated');
    const key = (first as { key: string }).key;
    expect(await keys.findByKey(key)).toMatchObject({ name: 'admin', roles: ['admin'] });

    expect(await bootstrapAdminKey({}, { mode: 'embedded' }, keys)).toEqual({ outcome: 'existing-keys' });
    expect((await keys.page(1, 100)).items).toHaveLength(1);
  });

  it('given a revoked first key, then no new one is generated: keys exist already', async () => {
    const first = (await bootstrapAdminKey({}, { mode: 'embedded' }, keys)) as { key: string };
    const stored = await keys.findByKey(first.key);
    await keys.revoke(stored!.id, 'test');
    expect(await bootstrapAdminKey({}, { mode: 'embedded' }, keys)).toEqual({ outcome: 'existing-keys' });
  });

  it('given a server without keys nor ADMIN_API_KEY, then nothing is generated (and nothing is let in)', async () => {
    expect(await bootstrapAdminKey({}, { mode: 'server' }, keys)).toEqual({ outcome: 'no-key' });
    expect(await keys.page(1, 100)).toEqual({ items: [], total: 0 });
  });

  it('given ADMIN_API_KEY, then it becomes the env-admin key; a new value replaces the old one', async () => {
    expect(await bootstrapAdminKey({ ADMIN_API_KEY: ENV_KEY }, { mode: 'server' }, keys)).toEqual({ outcome: 'from-environment' });
    expect(await keys.findByKey(ENV_KEY)).toMatchObject({ name: 'env-admin', roles: ['admin'], createdBy: 'ADMIN_API_KEY' });
    await bootstrapAdminKey({ ADMIN_API_KEY: ENV_KEY }, { mode: 'server' }, keys);
    expect((await keys.page(1, 100)).items).toHaveLength(1);

    const rotated = `${ENV_KEY}-rotated`;
    await bootstrapAdminKey({ ADMIN_API_KEY: rotated }, { mode: 'server' }, keys);
    expect(await keys.findByKey(ENV_KEY)).toBeUndefined();
    expect(await keys.findByKey(rotated)).toMatchObject({ name: 'env-admin' });
  });

  it('given ADMIN_API_KEY set back to a value that was replaced, then the start is refused saying so, and the admin key in use stays', async () => {
    // Given the env-admin key replaced once: the first value is revoked, the second in use
    await bootstrapAdminKey({ ADMIN_API_KEY: ENV_KEY }, { mode: 'server' }, keys);
    const second = `${ENV_KEY}-second`;
    await bootstrapAdminKey({ ADMIN_API_KEY: second }, { mode: 'server' }, keys);

    // When the hub starts with the first value again
    await expect(bootstrapAdminKey({ ADMIN_API_KEY: ENV_KEY }, { mode: 'server' }, keys)).rejects.toThrow(/ADMIN_API_KEY is a key that was revoked/);

    // Then the second still works, and a start with it goes on as before
    expect(await keys.findByKey(second)).toMatchObject({ name: 'env-admin' });
    expect(await bootstrapAdminKey({ ADMIN_API_KEY: second }, { mode: 'server' }, keys)).toEqual({ outcome: 'from-environment' });
  });

  it('stores only the SHA-256 of a key', async () => {
    const { key } = await keys.create('connector-1', ['connector'], 'test');
    const { rows } = await test.database.pool.query('select * from api_keys');
    expect(JSON.stringify(rows)).not.toContain(key);
  });
});

describeOnPostgres('API processes starting side by side on a server (PostgreSQL)', () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase('postgres', authMigrations);
  });
  afterEach(async () => {
    await test.dispose();
  });

  it('given ADMIN_API_KEY rotated, when a second process starts while the first is halfway, then both start and the new key works', async () => {
    // Given the env-admin key in use
    const keys = new ApiKeyStore(test.database.pool);
    await bootstrapAdminKey({ ADMIN_API_KEY: ENV_KEY }, test.database, keys);
    const rotated = `${ENV_KEY}-rotated`;

    // When one process, having found the new key unknown, pauses before it replaces the old one
    // (until the other is done, or half a second) while another starts with it too
    let otherDone!: () => void;
    const other = new Promise<void>((resolve) => (otherDone = resolve));
    class PausingHalfway extends ApiKeyStore {
      override async findActiveByName(name: string) {
        await Promise.race([other, new Promise((resolve) => setTimeout(resolve, 500))]);
        return super.findActiveByName(name);
      }
    }
    const first = bootstrapAdminKey({ ADMIN_API_KEY: rotated }, test.database, new PausingHalfway(test.database.pool));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = bootstrapAdminKey({ ADMIN_API_KEY: rotated }, test.database, new ApiKeyStore(test.database.pool)).finally(otherDone);
    const starts = await Promise.allSettled([first, second]);

    // Then both start, the new key is the one admin key, and the old one is revoked
    expect(starts.map((start) => start.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await keys.findByKey(rotated)).toMatchObject({ name: 'env-admin', roles: ['admin'] });
    expect(await keys.findByKey(ENV_KEY)).toBeUndefined();
    expect((await keys.page(1, 100)).items.filter((key) => !key.revokedAt).map((key) => key.name)).toEqual(['env-admin']);
  });
});
