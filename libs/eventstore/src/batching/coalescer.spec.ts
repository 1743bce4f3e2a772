import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('given calls in one turn, when they are answered, then one call served them all and each got its own answer', async () => {
    const calls: string[][] = [];
    const squares = new Coalescer<number, number>(
      async (keys) => {
        calls.push(keys.map(String));
        return new Map(keys.map((k) => [String(k), k * k]));
      },
      String,
    );

    const answers = await Promise.all([squares.load(2), squares.load(3), squares.load(2)]);

    expect(answers).toEqual([4, 9, 4]);
    expect(calls).toEqual([['2', '3']]);
  });

  it('given calls in different turns, when answered, then each turn made its own call', async () => {
    const calls: number[][] = [];
    const echo = new Coalescer<number, number>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((k) => [String(k), k]));
    }, String);

    await echo.load(1);
    await echo.load(2);

    expect(calls).toEqual([[1], [2]]);
  });

  it('given a call on its way, when more calls come, then they wait and go together in the next', async () => {
    const calls: number[][] = [];
    let answerFirst: () => void = () => undefined;
    const echo = new Coalescer<number, number>(async (keys) => {
      calls.push(keys);
      if (calls.length === 1) await new Promise<void>((resolve) => (answerFirst = resolve));
      return new Map(keys.map((k) => [String(k), k]));
    }, String);
    const first = echo.load(1);
    await new Promise((resolve) => setImmediate(resolve));

    const later = [echo.load(2), echo.load(3)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1]]);
    answerFirst();

    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(calls).toEqual([[1], [2, 3]]);
  });

  it('given calls without a key (writes), when made in one turn, then each is an entry of its own in one call', async () => {
    const written: string[][] = [];
    const writes = new Coalescer<string, void>(async (items) => void written.push(items));

    await Promise.all([writes.load('a'), writes.load('a'), writes.load('b')]);

    expect(written).toEqual([['a', 'a', 'b']]);
  });

  it('given a failing call, when answered, then every caller of that turn gets the error', async () => {
    const failing = new Coalescer<number, number>(async () => {
      throw new Error('database gone');
    }, String);

    const results = await Promise.allSettled([failing.load(1), failing.load(2)]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
