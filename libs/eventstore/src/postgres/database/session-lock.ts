import type { Pool, PoolClient } from 'pg';

/**
 * A session advisory lock on a connection of its own, held out of the pool's care for as long as
 * the holder needs it. A connection ended under it (a database restart, an idle timeout) must not
 * crash the process with an 'error' no one listens to: the lock is gone with its session, and
 * `onLost` says so. The connection goes back to the pool once, however many ways it fails.
 */
export class SessionLock {
  private released = false;
  private readonly onError: () => void;

  private constructor(
    private readonly client: PoolClient,
    private readonly key: string,
    onLost: () => void,
  ) {
    this.onError = () => {
      onLost();
      this.giveBack(true);
    };
    client.on('error', this.onError);
  }

  /** Waits for the lock. */
  static take(pool: Pool, key: string, onLost: () => void = () => undefined): Promise<SessionLock> {
    return SessionLock.acquire(pool, key, onLost, 'pg_advisory_lock') as Promise<SessionLock>;
  }

  /** The lock if no other session holds it, else undefined at once. */
  static tryTake(pool: Pool, key: string, onLost: () => void = () => undefined): Promise<SessionLock | undefined> {
    return SessionLock.acquire(pool, key, onLost, 'pg_try_advisory_lock');
  }

  private static async acquire(
    pool: Pool,
    key: string,
    onLost: () => void,
    lockFunction: 'pg_advisory_lock' | 'pg_try_advisory_lock',
  ): Promise<SessionLock | undefined> {
    const lock = new SessionLock(await pool.connect(), key, onLost);
    try {
      const { rows } = await lock.client.query<{ locked: boolean | string }>(`select ${lockFunction}(hashtextextended($1, 0)) as locked`, [key]);
      // pg_advisory_lock answers void (''), once it holds the lock.
      if (rows[0]?.locked === false) {
        lock.giveBack();
        return undefined;
      }
      return lock;
    } catch (error) {
      lock.giveBack(true);
      throw error;
    }
  }

  /** Unlocks; a connection whose unlock failed is closed rather than pooled, which frees the lock too. */
  async release(): Promise<void> {
    if (this.released) return;
    const failed = await this.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [this.key]).then(
      () => false,
      () => true,
    );
    this.giveBack(failed);
  }

  private giveBack(broken = false): void {
    if (this.released) return;
    this.released = true;
    this.client.off('error', this.onError);
    this.client.release(broken);
  }
}
