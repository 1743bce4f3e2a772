import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { projectionMigrations } from '../migrations/projections.migrations';
import { findClusterView } from './cluster-view.queries';

describe('the cluster view while client search lags behind', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...projectionMigrations]);
  });

  afterAll(async () => {
    await test.dispose();
  });

  it('given members not yet in client search, when the view is read, then they are listed by id, not as the table happens to hold them', async () => {
    // Given a head and members recorded in descending id order, none of them in client search yet
    const headId = randomUUID();
    const memberIds = Array.from({ length: 6 }, () => randomUUID()).sort().reverse();
    const pool = test.database.pool;
    await pool.query(`insert into rm_cluster_membership (client_id, head_id, role) values ($1, $1, 'head')`, [headId]);
    for (const id of memberIds) {
      await pool.query(`insert into rm_cluster_membership (client_id, head_id, role) values ($1, $2, 'member')`, [id, headId]);
    }

    // When the view is read
    const view = await findClusterView(pool, memberIds[0]);

    // Then every member shows by id alone, in id order
    expect(view?.members.map((member) => member.clientNumber)).toEqual(memberIds.map(() => ''));
    expect(view?.members.map((member) => member.id)).toEqual([...memberIds].sort());
  });
});
