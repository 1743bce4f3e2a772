import type { Pool, PoolClient } from 'pg';
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
   * runner's tables, so both take their locks in the same order.
   */
  async hold(tx: PoolClient, subscriptionId: string): Promise<void> {
    await tx.query('select 1 from es_checkpoints where subscription_id = $1 for update', [subscriptionId]);
  }

  /**
   * Locks the checkpoint row and checks it is still where this runner left it: a second process
   * running the same subscription then fails its batch and reloads, instead of applying it twice.
   */
  async claim(tx: PoolClient, subscriptionId: string, expected: Checkpoint): Promise<void> {
    await tx.query(
      `insert into es_checkpoints (subscription_id, transaction_id, global_position) values ($1, '0', 0)
       on conflict (subscription_id) do nothing`,
      [subscriptionId],
    );
    const { rows } = await tx.query<{ transaction_id: string; global_position: string }>(
      `select transaction_id::text as transaction_id, global_position from es_checkpoints
        where subscription_id = $1 for update`,
      [subscriptionId],
    );
    const stored = rows[0];
    if (stored.transaction_id !== expected.transactionId || Number(stored.global_position) !== expected.position) {
      throw new Error(`subscription ${subscriptionId} was advanced by another process; reloading its checkpoint`);
    }
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
