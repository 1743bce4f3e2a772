interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Answers many calls with one: callers running side by side (push jobs, registrations of new
 * people) would each pay a database round trip for reads and writes that one statement can do for
 * all of them. One call is on its way at a time; the calls made meanwhile (or in the same turn of the event
 * loop) wait and go together in the next. Calls with the same key share one answer; without
 * `idOf` (writes, say) every call is an entry of its own. A failing call fails every caller it
 * served (their jobs retry).
 */
export class Coalescer<K, V> {
  private waiting = new Map<string, { key: K; waiters: Array<Waiter<V>> }>();
  private scheduled = false;
  private inFlight = false;
  private calls = 0;

  constructor(
    private readonly many: (keys: K[]) => Promise<ReadonlyMap<string, V> | void>,
    private readonly idOf?: (key: K) => string,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const id = this.idOf ? this.idOf(key) : String(this.calls++);
      const entry = this.waiting.get(id) ?? { key, waiters: [] };
      entry.waiters.push({ resolve, reject });
      this.waiting.set(id, entry);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.waiting.size === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    this.inFlight = true;
    try {
      const answers = await this.many([...batch.values()].map((entry) => entry.key));
      for (const [id, entry] of batch) for (const waiter of entry.waiters) waiter.resolve(answers?.get(id));
    } catch (error) {
      for (const entry of batch.values()) for (const waiter of entry.waiters) waiter.reject(error);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }
}
