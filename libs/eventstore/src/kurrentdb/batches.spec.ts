import { batches } from './batches';

/** An async source whose items the test releases by hand. */
function manualSource<T>() {
  const queue: IteratorResult<T>[] = [];
  const waiting: ((r: IteratorResult<T>) => void)[] = [];
  const deliver = (result: IteratorResult<T>) => {
    const next = waiting.shift();
    if (next) next(result);
    else queue.push(result);
  };
  return {
    iterator: {
      next: () =>
        queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<IteratorResult<T>>((r) => waiting.push(r)),
    } as AsyncIterator<T>,
    push: (value: T) => deliver({ value, done: false }),
    end: () => deliver({ value: undefined, done: true }),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batching a live feed', () => {
  it('hands over what is already there in batches of at most max', async () => {
    const source = manualSource<number>();
    [1, 2, 3, 4, 5].forEach((n) => source.push(n));
    source.end();

    const seen: number[][] = [];
    for await (const batch of batches(source.iterator, 2, 20)) seen.push(batch);

    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('closes a batch when the next item does not come within the linger time, and loses nothing', async () => {
    const source = manualSource<string>();
    const feed = batches(source.iterator, 10, 10);
    source.push('a');
    source.push('b');

    expect((await feed.next()).value).toEqual(['a', 'b']);
    await pause(20);
    source.push('c');
    expect((await feed.next()).value).toEqual(['c']);
    source.end();
    expect((await feed.next()).done).toBe(true);
  });

  it('passes a failing source on to the consumer', async () => {
    const failing: AsyncIterator<number> = { next: () => Promise.reject(new Error('connection lost')) };
    await expect(batches(failing, 5, 5).next()).rejects.toThrow('connection lost');
  });
});
