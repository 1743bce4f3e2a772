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

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'at'>): void {
    this.entries.push({ at: new Date().toISOString(), ...entry });
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  countsByOperation(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.entries) counts[entry.operation] = (counts[entry.operation] ?? 0) + 1;
    return counts;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
