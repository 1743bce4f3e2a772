import { type Lane, SerialLane } from '@koppelhub/connectors';
import type { Pool, PoolClient } from 'pg';

/** Tasks a process runs in a row before letting a waiting process in. */
const TURN = 50;
/**
 * How long a turn may last before a waiting process gets the office. With slow answers 50 tasks
 * could keep another process waiting for minutes (and a worker's stop with it); a turn ends
 * after its task that passes this.
 */
const TURN_MS = 2_000;

/**
 * One package office's requests, one at a time across every process that shares the hub's
 * database. In a process they queue on a SerialLane; the process whose queue is busy holds a
 * session advisory lock on the office, taken when its queue starts and given back when the queue
 * drains or its turn is over (TURN tasks or TURN_MS), so another worker process waiting for the
 * office gets its turn. A process that dies gives the lock back with its connection.
 */
export class SharedOfficeLane implements Lane {
  private readonly local = new SerialLane();
  private holder?: HeldConnection;
  private queued = 0;
  private turn = 0;
  private turnEndsAt = 0;

  constructor(
    private readonly pool: Pool,
    /** Names the office, e.g. `twinfield:<office code>`. */
    private readonly office: string,
    private readonly turnMs = TURN_MS,
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
        if (this.queued === 0 || this.turn >= TURN || Date.now() >= this.turnEndsAt) await this.letGo();
      }
    });
  }

  private async hold(): Promise<void> {
    if (this.holder) return;
    const held = new HeldConnection(await this.pool.connect(), () => {
      // Its session, and the lock with it, is gone (a database restart): the next task takes the
      // office again on a new connection.
      if (this.holder === held) this.holder = undefined;
    });
    try {
      await held.client.query('select pg_advisory_lock(hashtextextended($1, 0))', [this.office]);
    } catch (error) {
      held.release(true);
      throw error;
    }
    this.holder = held;
    this.turn = 0;
    this.turnEndsAt = Date.now() + this.turnMs;
  }

  private async letGo(): Promise<void> {
    const held = this.holder;
    if (!held) return;
    this.holder = undefined;
    try {
      await held.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [this.office]);
      held.release();
    } catch {
      // Closing the session gives the lock back as well.
      held.release(true);
    }
  }
}

/**
 * A connection held through a turn, out of the pool's care: one ended under it must not crash the
 * process (an 'error' with no listener), and is given back once, however many ways it fails.
 */
class HeldConnection {
  private released = false;
  private readonly onError: () => void;

  constructor(
    readonly client: PoolClient,
    onLost: () => void,
  ) {
    this.onError = () => {
      onLost();
      this.release(true);
    };
    client.on('error', this.onError);
  }

  release(broken?: boolean): void {
    if (this.released) return;
    this.released = true;
    this.client.off('error', this.onError);
    this.client.release(broken);
  }
}
