import { eventStoreMigrations } from '../postgres/migrations/eventstore.migrations';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from './test-database';

export interface TestEventStore extends TestDatabase {
  store: PostgresEventStore;
}

/** A fresh, migrated database with the event store opened on it; `dispose` closes the store first. */
export async function openTestEventStore(kind: TestDatabaseKind): Promise<TestEventStore> {
  const test = await openTestDatabase(kind, eventStoreMigrations);
  const store = await PostgresEventStore.open(test.database);
  return {
    database: test.database,
    store,
    async dispose() {
      await store.close();
      await test.dispose();
    },
  };
}
