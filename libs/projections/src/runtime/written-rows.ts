/**
 * The rows a runner has written to a table that only it writes, kept between its batches so that
 * the next batch need not read them back. The table starts empty (a rebuild's): while every row it
 * wrote is still here, a key it never wrote has no row, and a batch reads nothing at all.
 *
 * Rows are recorded once their transaction has committed, or, for a batch folded while the one
 * before it commits, as soon as it is folded (`recordAhead`): a batch is only ever folded on
 * what the batches before it leave. A rebuild's first pass records rows ahead for as long as it
 * holds them back (`RebuildCatchUp`), and so never lets the memory outgrow its capacity. After
 * any failure the memory is dropped: a commit whose answer was lost may have written rows it does
 * not know of, and rows recorded ahead may never be written.
 */
export class WrittenRows<Row> {
  private readonly rows = new Map<string, Row | null>();
  /** Whether a key missing from `rows` has no row: true until the memory is first dropped. */
  private complete = true;

  /** `capacity`: 50,000 client-search rows take about 46 MB of heap; a firm's clients fit. */
  constructor(readonly capacity = 50_000) {}

  /** Every row the memory holds, by key (deleted keys left out). */
  *entries(): IterableIterator<[string, Row]> {
    for (const [key, row] of this.rows) if (row) yield [key, row];
  }

  /** How many rows (and deletions) the memory holds. */
  get size(): number {
    return this.rows.size;
  }

  /**
   * Runs a batch's transaction, which answers the rows it wrote: they are recorded once it has
   * committed, and everything is forgotten if it fails.
   */
  async keep(batch: () => Promise<ReadonlyMap<string, Row | null>>): Promise<void> {
    try {
      this.record(await batch());
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  /** The keys whose rows must be read from the table: those this memory cannot answer for. */
  unknown(keys: readonly string[]): string[] {
    return this.complete ? [] : keys.filter((key) => !this.rows.has(key));
  }

  /** Whether the table surely has no row for the key: it never wrote one, or deleted it. */
  hasNoRow(key: string): boolean {
    return this.complete && !this.rows.get(key);
  }

  /** The row a key holds as far as this memory knows (`undefined`: none, or not known). */
  get(key: string): Row | undefined {
    return this.rows.get(key) ?? undefined;
  }

  /**
   * Rows a batch on its way to the table will leave behind, recorded before it commits so that
   * the next batch is folded on them meanwhile. The writer calls `forget` if the write fails.
   */
  recordAhead(rows: ReadonlyMap<string, Row | null>): void {
    this.record(rows);
  }

  forget(): void {
    this.rows.clear();
    this.complete = false;
  }

  /** Rows a committed batch left behind (`null`: deleted). */
  private record(rows: ReadonlyMap<string, Row | null>): void {
    for (const [key, row] of rows) this.rows.set(key, row);
    // Beyond its capacity the memory starts afresh, and no longer answers for keys it lacks.
    if (this.rows.size > this.capacity) this.forget();
  }
}
