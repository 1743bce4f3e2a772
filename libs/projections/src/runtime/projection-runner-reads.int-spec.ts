import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, PostgresEventStore } from '@koppelhub/eventstore';
import { openTestDatabase, testDatabaseKinds as kinds } from '../../../eventstore/src/testing/test-database';
import { clientSearchProjection } from '../client-search/client-search.projection';
import { projectionMigrations } from '../migrations/projections.migrations';
import { companyRegistered, companyRenamed } from '../testing/company-events';
import { ProjectionRunner } from './projection-runner';

describe.each(kinds)('a read model reading what its fold reads, on %s', (kind) => {
  it('given a store that refuses to read whole events, when its runner folds live and rebuilds, then its rows follow the log', async () => {
    // Given a store whose readAll refuses: a runner must read through readForFold and subscribeForFold
    const { database, dispose } = await openTestDatabase(kind, [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    const foldReader = Object.assign(Object.create(store) as PostgresEventStore, {
      readAll: () => Promise.reject(new Error('a read model reads its events for a fold')),
    });
    const runner = new ProjectionRunner(database, foldReader, clientSearchProjection);
    const names = async () => (await database.pool.query('select search_name from rm_client_search order by search_name')).rows.map((r) => r.search_name);
    try {
      // When it folds two clients live, one renamed
      runner.start();
      const [a, b] = [randomUUID(), randomUUID()];
      await store.append([
        { stream: `client-${a}`, expectedVersion: 'no_stream', events: [companyRegistered(a, 'A'), companyRenamed(a, 'A2')] },
        { stream: `client-${b}`, expectedVersion: 'no_stream', events: [companyRegistered(b, 'B')] },
      ]);
      await runner.waitFor(await store.headPosition());

      // Then its rows hold them, and a rebuild from the start makes the same
      expect(await names()).toEqual(['A2', 'B']);
      await runner.rebuild();
      expect(await names()).toEqual(['A2', 'B']);
      expect((await runner.lag()).lastError).toBeUndefined();
    } finally {
      await runner.stop();
      await store.close();
      await dispose();
    }
  });
});
