/** One append as `es_append_batch` takes it: the streams with their expected versions, and the events. */
export interface BatchedAppend {
  /** `expected`: -1 for any version, 0 for a stream that must not exist yet. */
  streams: Array<{ stream: string; expected: number }>;
  events: Array<{ id: string; stream: string; type: string; data: unknown; metadata: unknown }>;
}

export type BatchOutcome = 'appended' | 'stored' | 'conflict' | 'mixed' | 'undeclared' | 'again';

/** A row `es_append_batch` returns: one per event of an appended or stored append, one per refused append. */
export interface BatchRow {
  append_index: number;
  outcome: BatchOutcome;
  detail: string | null;
  event_id: string;
  stream_name: string;
  stream_version: string;
  global_position: string;
  transaction_id: string;
  recorded_at: Date;
}

export type SendBatch = (batch: BatchedAppend[]) => Promise<BatchRow[]>;

export interface BatchLimits {
  /** Batches on their way to the database at once. */
  maxInFlight: number;
  /** Appends in one batch. */
  maxAppends: number;
}

interface Waiting {
  append: BatchedAppend;
  resolve: (rows: BatchRow[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. An append goes to the database at once while fewer than `maxInFlight` batches are
 * on their way; otherwise it waits, and every append that waited goes together in the next batch.
 * A lone writer therefore pays no delay, and concurrent writers share round trips, plan executions
 * and commits. The database judges each append on its own; if a whole batch fails (a lost
 * connection, say), each of its appends is sent again alone, which event ids make safe.
 */
export class AppendBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private pumpScheduled = false;

  constructor(
    private readonly send: SendBatch,
    private readonly limits: BatchLimits,
  ) {}

  /** Whether a batch is on its way to the database or appends wait to be sent. */
  get busy(): boolean {
    return this.inFlight > 0 || this.waiting.length > 0;
  }

  /** The append's own rows, in log order. */
  submit(append: BatchedAppend): Promise<BatchRow[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      this.schedulePump();
    });
  }

  /**
   * Sends on the next turn of the event loop, not at once: callers woken by the same answer then
   * all get to submit before the free slot is taken, and go in one batch instead of one by one.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.limits.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.limits.maxAppends);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedulePump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    let rows: BatchRow[];
    try {
      rows = await this.send(batch.map((w) => w.append));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => this.run([w])));
      return;
    }
    const own = batch.map((): BatchRow[] => []);
    for (const row of rows) own[row.append_index].push(row);
    batch.forEach((waiting, index) => {
      const answer = own[index];
      // Its ids repeat an earlier append of the same batch: the next batch finds them stored.
      if (answer[0]?.outcome === 'again') this.waiting.unshift(waiting);
      else waiting.resolve(answer.sort((a, b) => Number(a.global_position) - Number(b.global_position)));
    });
  }
}
