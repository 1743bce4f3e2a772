import { copyIn, type CopyStep, type FoldableEvent, runInOneFlight } from '@koppelhub/eventstore';
import { type ClientBase, escapeLiteral, type PoolClient } from 'pg';
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
  keysOf(event: FoldableEvent): string[];
  evolve(row: Row | undefined, event: FoldableEvent, key: string): Row | null | undefined;
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
  events: readonly FoldableEvent[],
  writing: BatchWriting<Row> = {},
): Promise<Map<string, Row | null>> {
  const keyed = keyedEvents(projection, events);
  const keys = keysIn(keyed);
  const touched = remembered(keys, writing.written);
  const unknown = writing.written?.unknown(keys) ?? keys;
  if (unknown.length > 0) {
    const { rows } = await tx.query<Row>(
      `select ${columnList(projection)} from ${projection.table}
        where ${projection.key} = any($1::${keyTypeOf(projection)}[])`,
      [unknown],
    );
    for (const row of rows) touched.set(String(row[projection.key]), row);
  }
  const folded = foldRows(projection, keyed, touched, writing);
  await writeFolded(tx, projection, folded);
  return folded.touched;
}

/** What to write to a table: keys to delete, new rows the table surely lacks (for a COPY), rows to upsert. */
export interface RowWrites<Row> {
  /** The table's rows go first (a rebuild's table, whose rows the writes then hold whole). */
  emptied?: boolean;
  deleted: string[];
  copied: Row[];
  upserted: Row[];
}

/** A batch folded in memory: every touched key's row as it now stands (`null`: deleted), and what to write. */
export interface FoldedBatch<Row> extends RowWrites<Row> {
  touched: Map<string, Row | null>;
  /** The keys whose rows an event changed: the ones written back. */
  changed: ReadonlySet<string>;
}

/**
 * Folds a batch on the memory of a table only this runner writes, without reading the table:
 * undefined when the memory does not know every row the batch touches.
 */
export function foldOnMemory<Row extends object>(
  projection: RowProjection<Row>,
  events: readonly FoldableEvent[],
  writing: BatchWriting<Row> & { written: WrittenRows<Row> },
): FoldedBatch<Row> | undefined {
  const keyed = keyedEvents(projection, events);
  const keys = keysIn(keyed);
  if (writing.written.unknown(keys).length > 0) return undefined;
  return foldRows(projection, keyed, remembered(keys, writing.written), writing);
}

/** Writes a folded batch: a delete, a COPY of the new rows, an upsert of the others (after emptying the table, if asked). */
export async function writeFolded<Row extends object>(tx: PoolClient, projection: RowProjection<Row>, folded: RowWrites<Row>): Promise<void> {
  if (folded.emptied) await tx.query(`truncate ${projection.table}`);
  if (folded.deleted.length > 0) await tx.query(deleteStatement(projection, '$1'), [JSON.stringify(folded.deleted)]);
  if (folded.copied.length > 0) {
    await copyIn(tx, copyStatement(projection), copyText(folded.copied, projection.columns));
  }
  if (folded.upserted.length > 0) await tx.query(upsertStatement(projection, fromJson(projection, '$1')), [JSON.stringify(folded.upserted)]);
}

/**
 * Whether a folded batch can be written in one go (`writeFoldedInOneFlight`): statements sent so
 * carry their values as literals, which a server writes to its log with a failed statement, so
 * rows go only as COPY data, which takes the projection's column types (see `copyable`).
 */
export const writableInOneFlight = (projection: { readonly columns: readonly Column[] }, folded: RowWrites<object>): boolean =>
  folded.upserted.length === 0 || copyable(projection.columns);

/**
 * The same writes as `writeFolded`, after `before`, as one transaction sent in one go (see
 * `runInOneFlight`; a server connection outside any transaction). Deleted keys go as literals,
 * rows as COPY data: new rows straight into the table, rows to overwrite into a temporary table of
 * the connection's (emptied at every commit) and from there upserted.
 */
export async function writeFoldedInOneFlight<Row extends object>(
  client: ClientBase,
  projection: RowProjection<Row>,
  folded: RowWrites<Row>,
  before: readonly string[],
): Promise<void> {
  if (!writableInOneFlight(projection, folded)) throw new Error(`${projection.name}: its rows cannot go as COPY data`);
  const steps: Array<string | CopyStep> = [...before];
  if (folded.emptied) steps.push(`truncate ${projection.table}`);
  if (folded.deleted.length > 0) steps.push(deleteStatement(projection, escapeLiteral(JSON.stringify(folded.deleted))));
  if (folded.copied.length > 0) steps.push({ copy: copyStatement(projection), lines: copyText(folded.copied, projection.columns) });
  if (folded.upserted.length > 0) {
    const staged = `${projection.table}_upserts`;
    steps.push(
      `create temporary table if not exists ${staged} (like ${projection.table}) on commit delete rows`,
      { copy: copyStatement({ ...projection, table: staged }), lines: copyText(folded.upserted, projection.columns) },
      upsertStatement(projection, `select ${columnList(projection)} from ${staged}`),
    );
  }
  await runInOneFlight(client, steps);
}

interface KeyedEvent {
  event: FoldableEvent;
  keys: string[];
}

/** Every event of a batch passes through here and `keysIn`: plain loops, no array per step. */
function keyedEvents<Row extends object>(projection: RowProjection<Row>, events: readonly FoldableEvent[]): KeyedEvent[] {
  const keyed: KeyedEvent[] = [];
  for (const event of events) {
    const keys = projection.keysOf(event);
    if (keys.length > 0) keyed.push({ event, keys });
  }
  return keyed;
}

function keysIn(keyed: readonly KeyedEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of keyed) for (const key of event.keys) keys.add(key);
  return [...keys];
}

const columnList = (projection: Pick<RowProjection<object>, 'columns'>): string => projection.columns.map((c) => c.name).join(', ');

/** The key's own column type, so that comparisons use the primary key index. */
const keyTypeOf = (projection: { key: string; columns: readonly Column[] }): string =>
  projection.columns.find((c) => c.name === projection.key)?.type ?? 'text';

/** The rows the memory holds for these keys. */
function remembered<Row>(keys: readonly string[], written: WrittenRows<Row> | undefined): Map<string, Row | null> {
  const touched = new Map<string, Row | null>();
  if (!written) return touched;
  for (const key of keys) {
    const row = written.get(key);
    if (row) touched.set(key, row);
  }
  return touched;
}

/** Applies the events to the rows they touch (as they stand before the batch), in memory. */
function foldRows<Row extends object>(
  projection: RowProjection<Row>,
  keyed: readonly KeyedEvent[],
  touched: Map<string, Row | null>,
  { written, copy = false }: BatchWriting<Row>,
): FoldedBatch<Row> {
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
  return { touched, changed, deleted, copied, upserted };
}

/** The table, its key and columns: what the statements below need of a projection. */
interface TableOf {
  readonly table: string;
  readonly key: string;
  readonly columns: readonly Column[];
}

const copyStatement = (projection: TableOf): string => `copy ${projection.table} (${columnList(projection)}) from stdin`;

/** Deletes the rows whose keys a JSON array holds (`keys`: a parameter or a literal). */
const deleteStatement = (projection: TableOf, keys: string): string =>
  `delete from ${projection.table}
    where ${projection.key} = any(array(select jsonb_array_elements_text(${keys}::jsonb))::${keyTypeOf(projection)}[])`;

/** Inserts or overwrites the rows `source` (a query of the table's columns, in order) yields. */
function upsertStatement(projection: TableOf, source: string): string {
  const updates = projection.columns
    .map((c) => c.name)
    .filter((name) => name !== projection.key)
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  return `insert into ${projection.table} (${columnList(projection)}) ${source}
     on conflict (${projection.key}) do update set ${updates}`;
}

/** The rows a JSON array holds (`rows`: a parameter), as a query of the table's columns. */
function fromJson(projection: TableOf, rows: string): string {
  const definitions = projection.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  return `select ${columnList(projection)} from jsonb_to_recordset(${rows}::jsonb) as r(${definitions})`;
}
