import { eventStoreContract } from '../testing/event-store.contract';
import { openTestDatabase } from '../testing/test-database';
import { eventStoreMigrations } from './migrations/eventstore.migrations';
import { PostgresEventStore } from './postgres-event-store';

describe('PostgresEventStore on embedded PGlite', () => {
  eventStoreContract(async () => {
    const { database, dispose } = await openTestDatabase('pglite', eventStoreMigrations);
    const store = await PostgresEventStore.open(database);
    return {
      store,
      dispose: async () => {
        await store.close();
        await dispose();
      },
    };
  });
});
