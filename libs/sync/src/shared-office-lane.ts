import { type Lane, SerialLane } from '@koppelhub/connectors';
import type { Pool, PoolClient } from 'pg';

/** Tasks a process runs in a row before letting a waiting process in. */
const TURN = 50;

/**
 * One package office's requests, one at a time across every process that shares the hub's
 * database. In a process they queue on a SerialLane; the process whose queue is busy holds a
 * session advisory lock on the office, taken when its queue starts and given back when the queue
 * drains or after TURN tasks, so another worker process waiting for the office gets its turn.
 * A process that dies gives the lock back with its connection.
 */
export class SharedOfficeLane implements Lane {
  private readonly local = new SerialLane();
  private holder?: PoolClient;
  private queued = 0;
  private turn = 0;

  constructor(
    private readonly pool: Pool,
    /** Names the office, e.g. `twinfield:<office code>`. */
    private readonly office: string,
  ) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    return this.local.run(async () => {
      try {
        await this.hold();
        this.turn++;
        return await task();
      } finally {
        this.queued--;
        if (this.queued === 0 || this.turn >= TURN) await this.letGo();
      }
    });
  }

  private async hold(): Promise<void> {
    if (this.holder) return;
    const client = await this.pool.connect();
    try {
      await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [this.office]);
    } catch (error) {
      client.release(true);
      throw error;
    }
    this.holder = client;
    this.turn = 0;
  }

  private async letGo(): Promise<void> {
    const client = this.holder;
    if (!client) return;
    this.holder = undefined;
    try {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [this.office]);
      client.release();
    } catch {
      // Closing the session gives the lock back as well.
      client.release(true);
    }
  }
}
