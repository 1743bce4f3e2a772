import { openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { authMigrations } from './auth.migrations';
import { ApiKeyStore } from './api-key.store';
import type { Principal } from './principal';
import { PrincipalDirectory, REMEMBERED_FOR_MS } from './principal-directory';

describe('the roles the hub keeps of bearer-token users, across processes (PGlite)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase('pglite', authMigrations);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('given another process wrote other roles since, when a process sees the roles it wrote last, then it writes them again once its memory has run out', async () => {
    let now = 1_000_000;
    const keys = new ApiKeyStore(test.database.pool);
    const [first, second] = [new PrincipalDirectory(test.database.pool, keys, () => now), new PrincipalDirectory(test.database.pool, keys, () => now)];
    const user = (roles: Principal['roles']): Principal => ({ id: 'oidc:a.bakker', roles, via: 'jwt' });

    // Given a user seen as klantgoedkeurder by the first process, then without that role by the second
    await first.remember(user(['klantgoedkeurder']));
    await second.remember(user(['relatiebeheer']));
    expect(await first.rolesOf('oidc:a.bakker')).toEqual(['relatiebeheer']);

    // When the first process sees the user again as klantgoedkeurder, within its memory, the write is saved
    await first.remember(user(['klantgoedkeurder']));
    expect(await first.rolesOf('oidc:a.bakker')).toEqual(['relatiebeheer']);

    // Then once its memory has run out, the roles the user now presents are written
    now += REMEMBERED_FOR_MS;
    await first.remember(user(['klantgoedkeurder']));
    expect(await second.rolesOf('oidc:a.bakker')).toEqual(['klantgoedkeurder']);
  });
});
