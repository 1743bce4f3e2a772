import { inParallel } from './in-parallel';

describe('running tasks in parallel lanes', () => {
  it('keeps the items order in the results and never exceeds the limit', async () => {
    let running = 0;
    let most = 0;
    const results = await inParallel([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await inParallel([], 4, async () => 1)).toEqual([]);
  });
});
