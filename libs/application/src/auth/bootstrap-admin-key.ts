import { type Database, SessionLock } from '@koppelhub/eventstore';
import type { Settings } from '../settings/settings';
import type { ApiKeyStore } from './api-key.store';

/** The principal of ADMIN_API_KEY is `key:env-admin`; the one generated on first start is `key:admin`. */
export const ENV_ADMIN_KEY_NAME = 'env-admin';
export const FIRST_ADMIN_KEY_NAME = 'admin';
const FROM_ENVIRONMENT = 'ADMIN_API_KEY';
const FIRST_START = 'first-start';

export type AdminKeyBootstrap =
  /** ADMIN_API_KEY is (now) the key of the principal `key:env-admin`. */
  | { outcome: 'from-environment' }
  /** Embedded first start: a key was generated; the caller prints it once, it is not kept. */
  | { outcome: 'generated'; key: string }
  | { outcome: 'existing-keys' }
  /** Server mode without keys nor ADMIN_API_KEY: only bearer tokens (if configured) get in. */
  | { outcome: 'no-key' };

/** ADMIN_API_KEY names a key that was revoked (replaced, or revoked over the API). */
export class RevokedAdminApiKey extends Error {
  constructor() {
    super(`${FROM_ENVIRONMENT} is a key that was revoked; set a new one (the admin key in use is left as it is)`);
    this.name = 'RevokedAdminApiKey';
  }
}

/**
 * Makes sure someone can administer the hub. Authentication is never switched off: without any key
 * the API simply refuses everything but bearer tokens. On a server, API processes starting side by
 * side take turns (a session advisory lock, given the database's pool): interleaved, one could
 * revoke the key another had just stored while rotating ADMIN_API_KEY, and lock it out for good.
 */
export async function bootstrapAdminKey(
  settings: Pick<Settings, 'ADMIN_API_KEY'>,
  database: Pick<Database, 'mode'> & Partial<Pick<Database, 'pool'>>,
  keys: ApiKeyStore,
): Promise<AdminKeyBootstrap> {
  if (database.mode !== 'server' || !database.pool) return bootstrap(settings, database, keys);
  const lock = await SessionLock.take(database.pool, 'admin-key-bootstrap');
  try {
    return await bootstrap(settings, database, keys);
  } finally {
    await lock.release();
  }
}

async function bootstrap(settings: Pick<Settings, 'ADMIN_API_KEY'>, database: Pick<Database, 'mode'>, keys: ApiKeyStore): Promise<AdminKeyBootstrap> {
  if (settings.ADMIN_API_KEY) {
    if (await keys.findByKey(settings.ADMIN_API_KEY)) return { outcome: 'from-environment' };
    // Checked before anything is revoked: a revoked secret stays revoked, and the admin key now in
    // use must not be given up for a start that cannot succeed.
    if (await keys.wasRevoked(settings.ADMIN_API_KEY)) throw new RevokedAdminApiKey();
    // A changed ADMIN_API_KEY replaces the previous one: the old secret stops working.
    const previous = await keys.findActiveByName(ENV_ADMIN_KEY_NAME);
    if (previous) await keys.revoke(previous.id, FROM_ENVIRONMENT);
    await keys.create(ENV_ADMIN_KEY_NAME, ['admin'], FROM_ENVIRONMENT, settings.ADMIN_API_KEY);
    return { outcome: 'from-environment' };
  }
  if (await keys.anyExists()) return { outcome: 'existing-keys' };
  if (database.mode !== 'embedded') return { outcome: 'no-key' };
  const { key } = await keys.create(FIRST_ADMIN_KEY_NAME, ['admin'], FIRST_START);
  return { outcome: 'generated', key };
}
