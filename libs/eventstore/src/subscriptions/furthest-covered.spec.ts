import { furthestCovered } from './furthest-covered';

describe('the furthest position a subscription covers, among those callers wait for', () => {
  /** A subscription that has handled everything up to `handled`, counting its looks. */
  const handledUpTo = (handled: number) => {
    const looks: number[] = [];
    const covers = async (position: number) => {
      looks.push(position);
      return position <= handled;
    };
    return { looks, covers };
  };
  const positions = Array.from({ length: 100 }, (_, i) => (i + 1) * 10);

  it('given no callers, then nothing is covered and nothing is looked at', async () => {
    const { looks, covers } = handledUpTo(1_000);
    expect(await furthestCovered([], covers)).toBeUndefined();
    expect(looks).toEqual([]);
  });

  it('given a subscription past every caller, then the highest is found with one look', async () => {
    const { looks, covers } = handledUpTo(5_000);
    expect(await furthestCovered(positions, covers)).toBe(1_000);
    expect(looks).toEqual([1_000]);
  });

  it('given a subscription between the callers, then the highest it passed is found in a few looks, not one per caller', async () => {
    const { looks, covers } = handledUpTo(437);
    expect(await furthestCovered(positions, covers)).toBe(430);
    expect(looks.length).toBeLessThanOrEqual(8);
  });

  it('given a subscription short of every caller, then none is covered', async () => {
    const { looks, covers } = handledUpTo(5);
    expect(await furthestCovered(positions, covers)).toBeUndefined();
    expect(looks.length).toBeLessThanOrEqual(8);
  });

  it('given callers in any order, some waiting for the same position, then the answer is the same', async () => {
    const { covers } = handledUpTo(25);
    expect(await furthestCovered([40, 20, 20, 10, 30, 10], covers)).toBe(20);
  });
});
