import { randomFillSync } from 'node:crypto';

/** Fills a buffer with random bytes, as `crypto.randomFillSync` does. */
export type RandomFill = (buffer: Buffer) => Buffer;

/**
 * Random bytes for IVs and new keys, drawn from a buffer the system's generator fills 4 KiB at a
 * time (as Node does for `randomUUID`). A call to the generator costs 2–3 µs whatever its size,
 * and registering a person seals eight fields and makes and wraps a key: ten calls, a fifth of
 * Node's time on that path. The bytes are the same generator's; each is handed out
 * once, as a copy, and wiped from the pool as it goes, so a key does not linger there.
 */
export class RandomPool {
  private readonly pool: Buffer;
  private offset: number;

  constructor(
    size = 4096,
    private readonly fill: RandomFill = randomFillSync,
  ) {
    this.pool = Buffer.alloc(size);
    this.offset = size;
  }

  /** `count` random bytes of the caller's own. */
  take(count: number): Buffer {
    if (count > this.pool.length) return this.fill(Buffer.allocUnsafeSlow(count));
    if (this.offset + count > this.pool.length) {
      this.fill(this.pool);
      this.offset = 0;
    }
    const taken = this.pool.subarray(this.offset, this.offset + count);
    // A buffer of its own, not a slice of Node's shared pool (a cached key would keep that alive);
    // not zeroed first, as the copy fills it whole.
    const own = Buffer.allocUnsafeSlow(count);
    taken.copy(own);
    taken.fill(0);
    this.offset += count;
    return own;
  }
}
