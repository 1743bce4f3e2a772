/**
 * What a sandbox tells about the requests it saw: method, path without query, the operation and
 * the status. Never bodies or query strings, which can hold personal data.
 */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  operation: string;
  status: number;
}

/**
 * The latest requests, and how many of each operation there were since the last clear. The
 * embedded hub runs its sandboxes for as long as it runs, so the list keeps only the newest
 * `capacity` requests; the counts, one number per operation, stay exact.
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('a request log keeps at least one request');
  }

  record(entry: Omit<LoggedRequest, 'at'>): void {
    this.entries.push({ at: new Date().toISOString(), ...entry });
    // Dropped in chunks rather than one by one: shifting a long array on every request costs more.
    if (this.entries.length >= 2 * this.capacity) this.entries = this.entries.slice(-this.capacity);
    this.counts.set(entry.operation, (this.counts.get(entry.operation) ?? 0) + 1);
  }

  /** The newest requests, oldest first: at most `capacity` of them. */
  list(): LoggedRequest[] {
    return this.entries.slice(-this.capacity);
  }

  countsByOperation(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
  }
}
