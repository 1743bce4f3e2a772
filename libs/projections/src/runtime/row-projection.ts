import { copyIn, type RecordedEvent } from '@koppelhub/eventstore';
import type { PoolClient } from 'pg';
import type { Column } from './column';
import { copyable, copyText } from './copy-text';
import type { WrittenRows } from './written-rows';

/**
 * A read model kept as one row per key, built as a fold: `evolve(row, event)` returns the new row,
 * or `null` to delete it. The runner applies a whole batch in memory and writes the touched rows
 * back set-based (a delete, an upsert, in a rebuild a COPY), which is what makes a rebuild fast.
 * Applying an event a second time must leave the row as it is (the folds set values, not add).
 */
export interface RowProjection<Row extends object> {
  readonly name: string;
  readonly table: string;
  readonly key: keyof Row & string;
  readonly columns: readonly Column[];
  /**
   * The fold's version, 1 when absent. Raise it with a change that leaves rows folded before it
   * wrong (a new column, a corrected fold): the hub then rebuilds the read model when it starts.
   */
  readonly version?: number;
  /** The event types this read model folds; the subscription reads no others. */
  readonly eventTypes: readonly string[];
  /** Keys of the rows an event touches; empty when the event means nothing to this read model. */
  keysOf(event: RecordedEvent): string[];
  evolve(row: Row | undefined, event: RecordedEvent, key: string): Row | null | undefined;
}

export interface BatchWriting<Row> {
  /** The memory of a table only this runner writes (a rebuild's): see WrittenRows. */
  written?: WrittenRows<Row>;
  /** Rows the table surely lacks go in by COPY (a server connection only; see `copyIn`). */
  copy?: boolean;
}

/**
 * Folds a batch into the table; answers the rows of every key it touched as they now stand in the
 * table (`null`: deleted), for `WrittenRows` to record once the transaction has committed.
 */
export async function applyBatch<Row extends object>(
  tx: PoolClient,
  projection: RowProjection<Row>,
  events: readonly RecordedEvent[],
  { written, copy = false }: BatchWriting<Row> = {},
): Promise<Map<string, Row | null>> {
  const touched = new Map<string, Row | null>();
  const keyed = events.map((event) => ({ event, keys: projection.keysOf(event) })).filter(({ keys }) => keys.length > 0);
  if (keyed.length === 0) return touched;

  const keys = [...new Set(keyed.flatMap(({ keys }) => keys))];
  const columnNames = projection.columns.map((c) => c.name).join(', ');
  // Compare in the key's own type so the primary key index is used.
  const keyType = projection.columns.find((c) => c.name === projection.key)?.type ?? 'text';
  if (written) {
    for (const key of keys) {
      const row = written.get(key);
      if (row) touched.set(key, row);
    }
  }
  const unknown = written?.unknown(keys) ?? keys;
  if (unknown.length > 0) {
    const { rows } = await tx.query<Row>(
      `select ${columnNames} from ${projection.table}
        where ${projection.key} = any($1::${keyType}[])`,
      [unknown],
    );
    for (const row of rows) touched.set(String(row[projection.key]), row);
  }

  // Only rows an event changed are written back: a row read for an event that meant nothing to it
  // (a company's row for an erasure of personal data, say) stays as it is.
  const changed = new Set<string>();
  for (const { event, keys } of keyed) {
    for (const key of keys) {
      const next = projection.evolve(touched.get(key) ?? undefined, event, key);
      if (next === undefined) continue;
      touched.set(key, next);
      changed.add(key);
    }
  }

  const deleted = [...changed].filter((key) => touched.get(key) === null);
  if (deleted.length > 0) {
    await tx.query(`delete from ${projection.table} where ${projection.key} = any($1::${keyType}[])`, [deleted]);
  }
  // A rebuild's new rows (most of its writes) are copied in: no conflict to look for, and COPY
  // takes rows about twice as fast as an INSERT reading them from JSON. The memory holds the table
  // as the batches before this one left it (a key they deleted counts as absent).
  const copying = copy && copyable(projection.columns);
  const copied: Row[] = [];
  const upserted: Row[] = [];
  for (const key of changed) {
    const row = touched.get(key);
    if (!row) continue;
    (copying && written?.hasNoRow(key) ? copied : upserted).push(row);
  }
  if (copied.length > 0) {
    await copyIn(tx, `copy ${projection.table} (${columnNames}) from stdin`, copyText(copied, projection.columns));
  }
  if (upserted.length > 0) await upsert(tx, projection, upserted);
  return touched;
}

/** Inserts or overwrites rows, read from one JSON parameter. */
async function upsert<Row extends object>(tx: PoolClient, projection: RowProjection<Row>, rows: Row[]): Promise<void> {
  const names = projection.columns.map((c) => c.name);
  const definitions = projection.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const updates = names
    .filter((name) => name !== projection.key)
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  await tx.query(
    `insert into ${projection.table} (${names.join(', ')})
     select ${names.join(', ')} from jsonb_to_recordset($1::jsonb) as r(${definitions})
     on conflict (${projection.key}) do update set ${updates}`,
    [JSON.stringify(rows)],
  );
}
