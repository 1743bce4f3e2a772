import { type Checkpoint, type Database, inTransaction, type PostgresCheckpointStore } from '@koppelhub/eventstore';
import type { Pool, PoolClient } from 'pg';
import { type RowProjection, type RowWrites, writableInOneFlight, writeFolded, writeFoldedInOneFlight } from './row-projection';

/** Where a write of folded rows moves its subscription's checkpoint: from `from` to `to`. */
export interface CheckpointMove {
  checkpoints: PostgresCheckpointStore;
  subscriptionId: string;
  from: Checkpoint;
  to: Checkpoint;
}

/**
 * Folded rows and their checkpoint's move, in one transaction. On a server they go in one round
 * trip: the main thread is busy parsing the next page meanwhile, and each round trip waited on
 * it, which put a batch's five (begin, checkpoint, COPY and its data, commit) at 30–40 ms where
 * the database needed 10.
 */
export async function writeCheckpointed<Row extends object>(
  database: Database,
  projection: RowProjection<Row>,
  folded: RowWrites<Row>,
  { checkpoints, subscriptionId, from, to }: CheckpointMove,
): Promise<void> {
  if (database.mode !== 'server' || !writableInOneFlight(projection, folded)) {
    return checkpointedTransaction(database.pool, { checkpoints, subscriptionId, from, to }, (tx) => writeFolded(tx, projection, folded));
  }
  const client = await database.pool.connect();
  try {
    await writeFoldedInOneFlight(client, projection, folded, [checkpoints.advanceStatement(subscriptionId, from, to)]);
    client.release();
  } catch (error) {
    // Not reused: the server may still be dropping the lines sent.
    client.release(error as Error);
    throw error;
  }
}

/** The checkpoint's move and `work`, in one transaction: a batch is stored with its rows or not at all. */
export function checkpointedTransaction<T>(
  pool: Pool,
  { checkpoints, subscriptionId, from, to }: CheckpointMove,
  work: (tx: PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(pool, async (tx) => {
    await checkpoints.advance(tx, subscriptionId, from, to);
    return work(tx);
  });
}
