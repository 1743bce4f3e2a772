import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { dropTestSchema, postgresUrl, type TestDatabaseKind, testDatabaseKinds } from '../../../eventstore/src/testing/test-database';
import type { HubRuntime } from '../runtime/hub-runtime';
import { loadSettings, type Settings } from '../settings/settings';

export type TestHubKind = TestDatabaseKind;

/** The stores a hub test runs on: PGlite always, the PostgreSQL server when one is configured. */
export const testHubKinds: readonly TestHubKind[] = testDatabaseKinds;

/** Settings for a hub on the test server (with a throwaway personal-data key) or on PGlite in memory. */
export function testHubSettings(kind: TestHubKind): Settings {
  return loadSettings(
    kind === 'postgres' ? { DATABASE_URL: postgresUrl, PERSONAL_DATA_KEY: randomBytes(32).toString('base64') } : { DATA_DIR: 'memory' },
  );
}

/** Stops what a hub test started and, on the server, drops the schema it ran in. */
export async function stopTestHub(app: INestApplicationContext, runtime: HubRuntime, kind: TestHubKind, schema: string): Promise<void> {
  await app.close();
  await runtime.stop();
  if (kind === 'postgres') await dropTestSchema(schema);
}
