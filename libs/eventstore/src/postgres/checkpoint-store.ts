import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import { type Checkpoint, START_CHECKPOINT } from '../event-store.port';

/** Subscription checkpoints, written by handlers inside their own transactions. */
export class PostgresCheckpointStore {
  constructor(private readonly pool: Pool) {}

  async load(subscriptionId: string): Promise<Checkpoint> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(
      'select transaction_id::text as transaction_id, global_position from es_checkpoints where subscription_id = $1',
      [subscriptionId],
    );
    return rows[0]
      ? { transactionId: rows[0].transaction_id, position: Number(rows[0].global_position) }
      : START_CHECKPOINT;
  }

  /** Reads a checkpoint inside a transaction (e.g. to move it along with a table swap). */
  async loadIn(tx: PoolClient, subscriptionId: string): Promise<Checkpoint> {
    const { rows } = await tx.query<{ transaction_id: string; global_position: string }>(
      'select transaction_id::text as transaction_id, global_position from es_checkpoints where subscription_id = $1',
      [subscriptionId],
    );
    return rows[0]
      ? { transactionId: rows[0].transaction_id, position: Number(rows[0].global_position) }
      : START_CHECKPOINT;
  }

  async save(tx: PoolClient, subscriptionId: string, checkpoint: Checkpoint): Promise<void> {
    await tx.query(
      `insert into es_checkpoints (subscription_id, transaction_id, global_position, updated_at)
       values ($1, $2::xid8, $3, now())
       on conflict (subscription_id) do update
         set transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`,
      [subscriptionId, checkpoint.transactionId, checkpoint.position],
    );
  }

  /**
   * Holds a subscription's checkpoint row to the end of the transaction: its runner, in whatever
   * process, waits until then before it writes. Taken first by anything that also locks the
   * runner's tables, so both take their locks in the same order. A runner that never stored a
   * checkpoint has no row to lock: one at the start is made for it (or, should its first batch be
   * making it, waited for), so that batch too waits, and finds the row moved on.
   */
  async hold(tx: PoolClient, subscriptionId: string): Promise<void> {
    await tx.query(
      `insert into es_checkpoints (subscription_id, transaction_id, global_position)
       values ($1, $2::xid8, $3) on conflict (subscription_id) do nothing`,
      [subscriptionId, START_CHECKPOINT.transactionId, START_CHECKPOINT.position],
    );
    await tx.query('select 1 from es_checkpoints where subscription_id = $1 for update', [subscriptionId]);
  }

  /**
   * Moves a checkpoint from where this runner left it (`from`) to `to`, in one statement that also
   * locks its row to the end of the transaction. A second process running the same subscription
   * has moved it already: nothing matches, and the batch fails and reloads instead of being applied
   * twice. Taken first in a batch, before the rows are written: anything that also locks the
   * runner's tables holds this row first (see `hold`), so both take their locks in the same order.
   */
  async advance(tx: PoolClient, subscriptionId: string, from: Checkpoint, to: Checkpoint): Promise<void> {
    await tx.query('select es_advance_checkpoint($1, $2::xid8, $3, $4::xid8, $5, $6)', [
      subscriptionId,
      from.transactionId,
      from.position,
      to.transactionId,
      to.position,
      isStart(from),
    ]);
  }

  /**
   * `advance` as a statement with its values written out, to open a transaction sent in one go
   * (see `runInOneFlight`), which takes no parameters.
   */
  advanceStatement(subscriptionId: string, from: Checkpoint, to: Checkpoint): string {
    const transaction = (checkpoint: Checkpoint) => `${escapeLiteral(checkpoint.transactionId)}::xid8`;
    return `select es_advance_checkpoint(${escapeLiteral(subscriptionId)}, ${transaction(from)}, ${position(from)}, ${transaction(to)}, ${position(to)}, ${isStart(from)})`;
  }

  async reset(tx: PoolClient, subscriptionId: string): Promise<void> {
    await tx.query('delete from es_checkpoints where subscription_id = $1', [subscriptionId]);
  }
}

/** Runs `work` in one transaction on one connection. */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  let broken: Error | undefined;
  try {
    await tx.query('begin');
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    await tx.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not roll back is discarded rather than returned to the pool.
    tx.release(broken);
  }
}

const isStart = (checkpoint: Checkpoint): boolean =>
  checkpoint.transactionId === START_CHECKPOINT.transactionId && checkpoint.position === START_CHECKPOINT.position;

/** A position as a literal: a whole number, never text that could end the statement. */
function position(checkpoint: Checkpoint): string {
  if (!Number.isSafeInteger(checkpoint.position)) throw new Error(`not a position: ${checkpoint.position}`);
  return String(checkpoint.position);
}
