import { type Checkpoint, type Database, type EventStore, type FoldableEvent, type PostgresCheckpointStore, START_CHECKPOINT } from '@koppelhub/eventstore';
import { writeCheckpointed } from './checkpointed-write';
import { copyable } from './copy-text';
import { foldOnMemory, type RowProjection, type RowWrites } from './row-projection';
import type { WrittenRows } from './written-rows';

/**
 * Once the rows written so far have been overwritten this often (against the new rows written),
 * the log keeps coming back to rows already written, and the catch-up holds every row back until
 * its end. A page boundary splitting a client's events overwrites one row now and then.
 */
const OVERWRITES_TO_HOLD = 0.1;

/**
 * A rebuild's first pass over the log, before its subscription takes over. Pages are read ahead
 * and folded on the memory of the fresh table (`WrittenRows`, the rebuild's alone), and the rows
 * they change are written page by page, as the subscription would, while the next page is folded.
 * Once a tenth of those writes overwrite rows written before (a firm's log, where a client's events
 * lie months apart, so that each page touches rows of every page before), the rows are held back
 * and written once, at the end: in such a log of 20,000 clients, 100,000 events wrote 100,000 rows
 * page by page for the 20,000 the read model holds.
 *
 * It stops where the memory could no longer hold every row (`WrittenRows.capacity`), or when
 * `stopping` says so, and writes what it holds with its checkpoint: the subscription goes on from
 * there. A failure drops the memory instead; the subscription then resumes from the stored
 * checkpoint and reads the rows it needs from the table.
 */
export class RebuildCatchUp<Row extends object> {
  /** Keys whose rows changed since they were last handed to a write. */
  private readonly pending = new Set<string>();
  /** Keys with a row in the table once the writes handed on so far have committed. */
  private readonly inTable = new Set<string>();
  /** Where the writes handed on so far leave the checkpoint. */
  private handedOn: Checkpoint = START_CHECKPOINT;
  private writing: Promise<void> = Promise.resolve();
  private failed = false;
  private newRows = 0;
  private overwrites = 0;
  /** Rows go by COPY on a server only (see copyIn); elsewhere new rows are upserted too. */
  private readonly copy: boolean;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly projection: RowProjection<Row>,
    private readonly checkpoints: PostgresCheckpointStore,
    private readonly subscriptionId: string,
    private readonly memory: WrittenRows<Row>,
    /** Events per page: the runner's batch size. */
    private readonly pageSize: number,
  ) {
    this.copy = database.mode === 'server' && copyable(projection.columns);
  }

  /** Reads and folds from the start of the log (the fresh table's checkpoint is at the start). */
  async run(stopping: () => boolean): Promise<void> {
    let at = START_CHECKPOINT;
    let next = this.read(at);
    try {
      for (;;) {
        const events = await next;
        if (events.length === 0 || stopping() || this.failed) break;
        const last = events[events.length - 1];
        const to = { transactionId: last.transactionId, position: last.position };
        // A full page means more is waiting: read it while this one is folded.
        const more = events.length === this.pageSize;
        if (more) next = this.read(to);
        const folded = foldOnMemory(this.projection, events, { written: this.memory });
        // The memory must hold every row until it is written: beyond it, the subscription reads rows back.
        if (!folded || this.memory.size + folded.touched.size > this.memory.capacity) break;
        this.memory.recordAhead(folded.touched);
        for (const key of folded.changed) this.pending.add(key);
        at = to;
        if (!this.holding) {
          const before = this.writing;
          this.handOn(at);
          // One write waiting behind the one on its way, as the subscription keeps them: reads
          // running ahead of the writes left them all to wait for at the end.
          await before.catch(() => undefined);
        }
        if (!more) break;
      }
      this.handOn(at);
      await this.writing;
    } catch {
      // Read or written, what failed is the subscription's to meet again (it retries and reports
      // its error); rows recorded ahead may never have been written.
      await this.writing.catch(() => undefined);
      this.memory.forget();
    } finally {
      next.catch(() => undefined);
    }
  }

  /** Whether the writes so far overwrote rows often enough to hold the rest back (OVERWRITES_TO_HOLD). */
  private get holding(): boolean {
    return this.overwrites > this.newRows * OVERWRITES_TO_HOLD;
  }

  /** A page with what the fold reads of its events only (`readForFold`): most of the pass's time is reading. */
  private read(after: Checkpoint): Promise<FoldableEvent[]> {
    const page = this.store.readForFold({ after, limit: this.pageSize, types: this.projection.eventTypes });
    page.catch(() => undefined);
    return page;
  }

  /** Hands the pending rows to a write moving the checkpoint to `to`, after the writes before it. */
  private handOn(to: Checkpoint): void {
    if (this.pending.size === 0 && to === this.handedOn) return;
    const writes = this.takePending();
    const move = { checkpoints: this.checkpoints, subscriptionId: this.subscriptionId, from: this.handedOn, to };
    this.handedOn = to;
    // A write starts once the one before has committed, and not at all if that one failed.
    this.writing = this.writing.then(() => writeCheckpointed(this.database, this.projection, writes, move));
    this.writing.catch(() => (this.failed = true));
  }

  /** The pending rows as writes to the table as the writes before leave it. */
  private takePending(): RowWrites<Row> {
    let overwriting = 0;
    for (const key of this.pending) {
      if (!this.memory.get(key)) continue;
      if (this.inTable.has(key)) overwriting++;
      else this.newRows++;
    }
    this.overwrites += overwriting;
    const writes = overwriting > 0 && overwriting * 2 >= this.inTable.size ? this.everyRow() : this.pendingRows();
    this.pending.clear();
    return writes;
  }

  /** The pending rows: new ones copied, the others upserted, keys deleted since removed. */
  private pendingRows(): RowWrites<Row> {
    const writes: RowWrites<Row> = { deleted: [], copied: [], upserted: [] };
    for (const key of this.pending) {
      const row = this.memory.get(key);
      const inTable = this.inTable.has(key);
      if (!row) {
        if (inTable) writes.deleted.push(key);
        this.inTable.delete(key);
        continue;
      }
      (inTable || !this.copy ? writes.upserted : writes.copied).push(row);
      this.inTable.add(key);
    }
    return writes;
  }

  /**
   * Every row the memory holds, in place of the table's: when the pending rows would overwrite
   * half the table or more (as at the end of a log that came back to every client), emptying it
   * and copying every row in is cheaper than upserting them one by one.
   */
  private everyRow(): RowWrites<Row> {
    const rows: Row[] = [];
    this.inTable.clear();
    for (const [key, row] of this.memory.entries()) {
      rows.push(row);
      this.inTable.add(key);
    }
    return { emptied: true, deleted: [], copied: this.copy ? rows : [], upserted: this.copy ? [] : rows };
  }
}
