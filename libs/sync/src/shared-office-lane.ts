import { type Lane, SerialLane } from '@koppelhub/connectors';
import { SessionLock } from '@koppelhub/eventstore';
import type { Pool } from 'pg';

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
  private holder?: SessionLock;
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
    // Lost with its session (a database restart): the next task takes the office again. Declared
    // first, as the connection may end while the lock is still being taken.
    let lock: SessionLock | undefined;
    lock = await SessionLock.take(this.pool, this.office, () => {
      if (this.holder === lock) this.holder = undefined;
    });
    this.holder = lock;
    this.turn = 0;
    this.turnEndsAt = Date.now() + this.turnMs;
  }

  private async letGo(): Promise<void> {
    const lock = this.holder;
    this.holder = undefined;
    await lock?.release();
  }
}
