import {
  type Database,
  eventStoreMigrations,
  migrate,
  openEmbeddedDatabase,
  openServerDatabase,
  type Migration,
  personalDataMigrations,
} from '@koppelhub/eventstore';
import { projectionMigrations } from '@koppelhub/projections';
import { syncMigrations } from '@koppelhub/sync';
import { idempotencyMigrations } from '../idempotency/idempotency.migrations';
import { authMigrations } from '../auth/auth.migrations';
import type { Settings } from '../settings/settings';

export const hubMigrations: readonly Migration[] = [
  ...eventStoreMigrations,
  ...personalDataMigrations,
  ...projectionMigrations,
  ...idempotencyMigrations,
  ...authMigrations,
  ...syncMigrations,
];

/** Server PostgreSQL when DATABASE_URL is set, embedded PGlite in DATA_DIR otherwise; migrated. */
export async function openHubDatabase(
  settings: Pick<Settings, 'DATABASE_URL' | 'DATA_DIR'>,
  schema?: string,
): Promise<Database> {
  const database = settings.DATABASE_URL
    ? await openServerDatabase({ url: settings.DATABASE_URL, schema })
    : await openEmbeddedDatabase({ dataDir: settings.DATA_DIR });
  try {
    await migrate(database.pool, hubMigrations);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
