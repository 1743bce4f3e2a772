import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, inTransaction, PostgresEventStore } from '@koppelhub/eventstore';
import { readAllSettled } from '../../../eventstore/src/testing/read-all-settled';
import { describeOnPostgres, openTestDatabase } from '../../../eventstore/src/testing/test-database';
import { clientSearchProjection } from '../client-search/client-search.projection';
import type { ClientSearchRow } from '../client-search/client-search.row';
import { projectionMigrations } from '../migrations/projections.migrations';
import { companyRegistered } from '../testing/company-events';
import { applyBatch } from './row-projection';
import { WrittenRows } from './written-rows';

const registered = (clientId: string, name: string) => companyRegistered(clientId, name, ['nextens']);

describeOnPostgres('a rebuild copying the rows its table lacks (PostgreSQL)', () => {
  it('given names with a tab, a backslash and line breaks, when copied into an empty table, then they read back as the fold made them', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    try {
      const names = ['Tab\there', 'Back\\slash', 'Line\nbreak\r\n', 'Plain'];
      const ids = names.map(() => randomUUID());
      await store.append(ids.map((id, i) => ({ stream: `client-${id}`, expectedVersion: 'no_stream' as const, events: [registered(id, names[i])] })));
      const events = await readAllSettled(store, names.length);

      const folded = await inTransaction(database.pool, (tx) =>
        applyBatch(tx, clientSearchProjection, events, { written: new WrittenRows<ClientSearchRow>(), copy: true }),
      );

      const { rows } = await database.pool.query(`select ${clientSearchProjection.columns.map((c) => c.name).join(', ')} from rm_client_search`);
      expect(rows.map((row) => row.search_name).sort()).toEqual([...names].sort());
      for (const row of rows) expect(row).toEqual(folded.get(row.client_id));
    } finally {
      await store.close();
      await dispose();
    }
  });

  it('given a memory wrong about a row, when the batch copies it, then the batch is refused whole; tried again, it reads the row and writes both', async () => {
    const { database, dispose } = await openTestDatabase('postgres', [...eventStoreMigrations, ...projectionMigrations]);
    const store = await PostgresEventStore.open(database);
    try {
      const [a, b] = [randomUUID(), randomUUID()];
      await store.append([
        { stream: `client-${a}`, expectedVersion: 'no_stream', events: [registered(a, 'A')] },
        { stream: `client-${b}`, expectedVersion: 'no_stream', events: [registered(b, 'B')] },
      ]);
      const events = await readAllSettled(store, 2);
      // Given a table that already holds A, and a memory that believes the table empty
      await inTransaction(database.pool, (tx) => applyBatch(tx, clientSearchProjection, events.slice(0, 1)));
      const written = new WrittenRows<ClientSearchRow>();
      const batch = () => written.keep(() => inTransaction(database.pool, (tx) => applyBatch(tx, clientSearchProjection, events, { written, copy: true })));

      // When the batch registering A and B is applied, copying both
      // Then the copy is refused on A's key, and B is not written either
      await expect(batch()).rejects.toMatchObject({ code: '23505' });
      const names = async () => (await database.pool.query('select name from rm_client_search order by name')).rows.map((row) => row.name);
      expect(await names()).toEqual(['A']);

      // And when it is handled again (the memory forgot everything), A is read and overwritten, B copied
      await batch();
      expect(await names()).toEqual(['A', 'B']);
      const { rows } = await database.pool.query('select packages, registered_at from rm_client_search where client_id = $1', [b]);
      expect(rows[0]).toEqual({ packages: ['nextens'], registered_at: events[1].recordedAt });
    } finally {
      await store.close();
      await dispose();
    }
  });
});
