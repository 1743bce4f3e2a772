import {
  type BatchOnItsWay,
  type Checkpoint,
  type Database,
  type FoldableEvent,
  type PostgresCheckpointStore,
  START_CHECKPOINT,
} from '@koppelhub/eventstore';
import { checkpointedTransaction, writeCheckpointed } from './checkpointed-write';
import { applyBatch, foldOnMemory, type RowProjection } from './row-projection';
import type { WrittenRows } from './written-rows';

/**
 * Writes a rebuild's batches one after the other while the next one is folded. A rebuild's table
 * is written by its runner alone, whose memory (`WrittenRows`) knows every row it wrote, so batch
 * N+1 can be folded on what batch N will leave while N's COPY and commit are still on their way:
 * the main thread no longer idles on the database between batches.
 *
 * Each write starts once the one before has committed, and fails without writing if that one
 * failed. A failed write drops the memory; the subscription then waits for every write on its way
 * and resumes from the stored checkpoint, and the batches read again fold on rows read from the
 * table.
 */
export class FoldAheadWriter<Row extends object> {
  /** The last write handed on; the next starts after it. */
  private last: Promise<void> = Promise.resolve();
  /** Where the last batch taken leaves the checkpoint, committed or not. */
  private ahead: Checkpoint = START_CHECKPOINT;

  constructor(
    private readonly database: Database,
    private readonly projection: RowProjection<Row>,
    private readonly checkpoints: PostgresCheckpointStore,
    private readonly subscriptionId: string,
    private readonly written: WrittenRows<Row>,
  ) {}

  /** Starts again from the stored checkpoint; the subscription has waited for every write on its way. */
  resumeFrom(checkpoint: Checkpoint): void {
    this.last = Promise.resolve();
    this.ahead = checkpoint;
  }

  async take(events: readonly FoldableEvent[], to: Checkpoint): Promise<BatchOnItsWay> {
    const move = { checkpoints: this.checkpoints, subscriptionId: this.subscriptionId, from: this.ahead, to };
    const writing = { written: this.written, copy: this.database.mode === 'server' };
    const folded = foldOnMemory(this.projection, events, writing);
    if (!folded) {
      // The memory lacks rows the batch touches: read from the table once the batches before have committed.
      await this.last;
      await this.written.keep(() => checkpointedTransaction(this.database.pool, move, (tx) => applyBatch(tx, this.projection, events, writing)));
      this.ahead = to;
      return { committed: Promise.resolve() };
    }
    this.written.recordAhead(folded.touched);
    const committed = this.last.then(() => writeCheckpointed(this.database, this.projection, folded, move));
    // The rows recorded ahead may never be written, nor any batch folded on them since.
    committed.catch(() => this.written.forget());
    this.last = committed;
    this.ahead = to;
    return { committed };
  }
}
