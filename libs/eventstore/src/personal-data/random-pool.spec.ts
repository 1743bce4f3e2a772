import { RandomPool } from './random-pool';

/** A generator that writes 1, 2, 3, … across its calls, and counts them. */
function countingFill() {
  let next = 1;
  const fill = (buffer: Buffer) => {
    fill.calls++;
    for (let i = 0; i < buffer.length; i++) buffer[i] = next++ % 256;
    return buffer;
  };
  fill.calls = 0;
  return fill;
}

describe('the random pool', () => {
  it('given a pool of 32 bytes, when 12 bytes are taken twice, then they are consecutive bytes of one fill', () => {
    const fill = countingFill();
    const pool = new RandomPool(32, fill);

    const first = pool.take(12);
    const second = pool.take(12);

    expect([...first]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect([...second]).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(fill.calls).toBe(1);
  });

  it('given fewer bytes left than asked for, when taken, then the pool is filled anew and none of the old bytes is given', () => {
    const fill = countingFill();
    const pool = new RandomPool(32, fill);
    pool.take(12);
    pool.take(12);

    const third = pool.take(12);

    expect(fill.calls).toBe(2);
    expect([...third]).toEqual([33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44]);
  });

  it('given bytes taken, when the pool is filled again, then the taken copy keeps its bytes', () => {
    const pool = new RandomPool(16, countingFill());
    const key = pool.take(16);

    pool.take(16);

    expect([...key]).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('given bytes taken, then the pool holds them no longer', () => {
    const fill = countingFill();
    const filled: Buffer[] = [];
    const pool = new RandomPool(16, (buffer) => {
      filled.push(buffer);
      return fill(buffer);
    });

    pool.take(10);

    expect([...filled[0].subarray(0, 10)]).toEqual(Array(10).fill(0));
    expect(filled[0][10]).toBe(11);
  });

  it('given more bytes asked for than the pool holds, then they come from a fill of their own', () => {
    const fill = countingFill();
    const pool = new RandomPool(8, fill);

    expect(pool.take(20)).toHaveLength(20);
    expect(pool.take(4)).toHaveLength(4);
    expect(fill.calls).toBe(2);
  });

  it('given bytes taken, then they hold memory of their own, not a slice of a shared buffer', () => {
    const key = new RandomPool(64, countingFill()).take(32);
    expect(key.byteOffset).toBe(0);
    expect(key.buffer.byteLength).toBe(32);
  });

  it('given the system generator, then two takes differ', () => {
    const pool = new RandomPool();
    expect(pool.take(32).equals(pool.take(32))).toBe(false);
  });
});
