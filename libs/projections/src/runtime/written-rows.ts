/**
 * The rows a runner has written to a table that only it writes, kept between its batches so that
 * the next batch need not read them back. A rebuild starts from an empty table: while every row it
 * wrote is still here, a key it never wrote has no row, and a batch reads nothing at all.
 *
 * Rows are recorded only once their transaction has committed. After any failure the memory is
 * dropped: a commit whose answer was lost may have written rows it does not know of.
 */
export class WrittenRows<Row> {
  private readonly rows = new Map<string, Row | null>();

  /**
   * `complete`: the table held no rows when this memory began. `capacity`: 50,000 client-search
   * rows take about 46 MB of heap; a firm's clients fit, a larger log falls back to reading.
   */
  constructor(
    private complete: boolean,
    private readonly capacity = 50_000,
  ) {}

  /** The keys whose rows must be read from the table: those this memory cannot answer for. */
  unknown(keys: readonly string[]): string[] {
    return this.complete ? [] : keys.filter((key) => !this.rows.has(key));
  }

  /** The row a key holds as far as this memory knows (`undefined`: none, or not known). */
  get(key: string): Row | undefined {
    return this.rows.get(key) ?? undefined;
  }

  /** Rows a committed batch left behind (`null`: deleted). */
  record(rows: ReadonlyMap<string, Row | null>): void {
    for (const [key, row] of rows) this.rows.set(key, row);
    // Beyond its capacity the memory stops answering for absent keys and starts afresh.
    if (this.rows.size > this.capacity) this.forget();
  }

  forget(): void {
    this.rows.clear();
    this.complete = false;
  }
}
