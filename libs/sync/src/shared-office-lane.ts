import { type Lane, SerialLane, TransientPushError } from '@koppelhub/connectors';
import type { Pool, PoolClient } from 'pg';

/** Tasks a process runs in a row before letting a waiting process in. */
const TURN = 50;
/**
 * How long a process waits for another to give the office back. Past it the push fails as
 * transient and its job retries later: a worker stopping meanwhile is not held past its own
 * stop limit by a wait no one can cut short.
 */
export const OFFICE_WAIT_LIMIT_MS = 15_000;
/** PostgreSQL's lock_not_available: the lock wait reached lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

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
    private readonly waitLimitMs = OFFICE_WAIT_LIMIT_MS,
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
      const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as held', [this.office]);
      if (!rows[0].held) await this.waitForOffice(client);
    } catch (error) {
      client.release(true);
      throw (error as { code?: string }).code === LOCK_NOT_AVAILABLE
        ? new TransientPushError(`${this.office} stayed busy with another worker process for ${this.waitLimitMs} ms`)
        : error;
    }
    this.holder = client;
    this.turn = 0;
  }

  /** Another process has the office: wait for it, for so long. */
  private async waitForOffice(client: PoolClient): Promise<void> {
    await client.query(`select set_config('lock_timeout', $1, false)`, [`${this.waitLimitMs}ms`]);
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [this.office]);
    // The connection goes back to the pool with the lock: without a limit for whoever uses it next.
    await client.query('reset lock_timeout');
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
