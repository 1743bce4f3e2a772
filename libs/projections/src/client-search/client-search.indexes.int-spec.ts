import { eventStoreMigrations } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { projectionMigrations } from '../migrations/projections.migrations';

describe('the indexes of client search', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...projectionMigrations]);
  });

  afterAll(async () => {
    await test.dispose();
  });

  it('given the migrated schema, then its only index is its key: no query used the others, and every row written paid for them', async () => {
    // Given the projections' migrations, applied from the first
    // When the table's indexes are listed
    const { rows } = await test.database.pool.query<{ indexname: string }>(
      `select indexname from pg_indexes where schemaname = current_schema() and tablename = 'rm_client_search'`,
    );

    // Then the primary key alone is left
    expect(rows.map((row) => row.indexname)).toEqual(['rm_client_search_pkey']);
  });
});
