import { GatheredCalls } from './gathered-calls';

/** Lets the turn end: the gathered calls are sent on the next one. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GatheredCalls', () => {
  /** Records what went alone and what together; answers each call with `answer:<call>`. */
  function recording(maxPerGroup: number) {
    const alone: string[] = [];
    const together: string[][] = [];
    const gathered = new GatheredCalls<string, string>(
      maxPerGroup,
      async (call) => {
        alone.push(call);
        return `answer:${call}`;
      },
      async (calls) => {
        together.push([...calls]);
        return calls.map((call) => `answer:${call}`);
      },
    );
    return { gathered, alone, together };
  }

  it('given calls made in the same turn, when sent, then they go together in order and each gets its own answer', async () => {
    // Given
    const { gathered, alone, together } = recording(5);

    // When
    const answers = await Promise.all(['a', 'b', 'c'].map((call) => gathered.call(call)));

    // Then
    expect(together).toEqual([['a', 'b', 'c']]);
    expect(alone).toEqual([]);
    expect(answers).toEqual(['answer:a', 'answer:b', 'answer:c']);
  });

  it('given more calls in one turn than a group holds, when sent, then they go in groups of at most N, the last one alone', async () => {
    // Given
    const { gathered, alone, together } = recording(2);

    // When
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((call) => gathered.call(call)));

    // Then
    expect(together).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(alone).toEqual(['e']);
    expect(answers).toEqual(['answer:a', 'answer:b', 'answer:c', 'answer:d', 'answer:e']);
  });

  it('given a lone call in its turn, when sent, then it goes alone', async () => {
    // Given
    const { gathered, alone, together } = recording(25);

    // When
    const answer = await gathered.call('only');

    // Then
    expect(answer).toBe('answer:only');
    expect(alone).toEqual(['only']);
    expect(together).toEqual([]);
  });

  it('given calls made in later turns, when sent, then each turn forms a group of its own', async () => {
    // Given
    const { gathered, alone, together } = recording(25);
    const first = [gathered.call('a'), gathered.call('b')];
    await nextTurn();

    // When
    const second = [gathered.call('c'), gathered.call('d')];
    await nextTurn();
    const third = [gathered.call('e')];

    // Then
    expect(await Promise.all([...first, ...second, ...third])).toEqual(['answer:a', 'answer:b', 'answer:c', 'answer:d', 'answer:e']);
    expect(together).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(alone).toEqual(['e']);
  });

  it('given calls made after awaiting an answer, when sent, then they form a new group', async () => {
    // Given: each caller makes a second call once its first is answered, as a push reads then writes
    const { gathered, together } = recording(25);
    const caller = async (name: string): Promise<string> => `${await gathered.call(`${name}-read`)} ${await gathered.call(`${name}-write`)}`;

    // When
    const results = await Promise.all([caller('x'), caller('y')]);

    // Then
    expect(results).toEqual(['answer:x-read answer:x-write', 'answer:y-read answer:y-write']);
    expect(together).toEqual([
      ['x-read', 'y-read'],
      ['x-write', 'y-write'],
    ]);
  });

  it('given together throws for one group, when sent, then every call of that group rejects and the other groups are answered', async () => {
    // Given
    const failure = new Error('batch refused');
    const gathered = new GatheredCalls<string, string>(
      2,
      async (call) => `alone:${call}`,
      async (calls) => {
        if (calls.includes('c')) throw failure;
        return calls.map((call) => `together:${call}`);
      },
    );

    // When
    const settled = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((call) => gathered.call(call)));

    // Then
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'together:a' },
      { status: 'fulfilled', value: 'together:b' },
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'alone:e' },
    ]);
  });

  it('given together throws, when later calls are made, then they are sent as usual', async () => {
    // Given
    let refuse = true;
    const gathered = new GatheredCalls<string, string>(
      5,
      async (call) => call,
      async (calls) => {
        if (refuse) throw new Error('down');
        return calls;
      },
    );
    await expect(Promise.all([gathered.call('a'), gathered.call('b')])).rejects.toThrow('down');

    // When
    refuse = false;
    const answers = await Promise.all([gathered.call('c'), gathered.call('d')]);

    // Then
    expect(answers).toEqual(['c', 'd']);
  });

  it('given alone throws, when a lone call is sent, then only that call rejects', async () => {
    // Given
    const gathered = new GatheredCalls<string, string>(
      5,
      async () => {
        throw new Error('no answer');
      },
      async (calls) => calls,
    );

    // When / Then
    await expect(gathered.call('a')).rejects.toThrow('no answer');
  });

  it('given together answers the wrong number of calls, when sent, then every call of the group rejects', async () => {
    // Given
    const gathered = new GatheredCalls<string, string>(
      5,
      async (call) => call,
      async (calls) => calls.slice(1),
    );

    // When
    const settled = await Promise.allSettled([gathered.call('a'), gathered.call('b'), gathered.call('c')]);

    // Then
    expect(settled.map((one) => one.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((settled[0] as PromiseRejectedResult).reason).toEqual(new Error('expected 3 answers, got 2'));
  });

  it('given a group size that is not a positive integer, when constructed, then it is refused', () => {
    // Given / When / Then
    for (const size of [0, -1, 1.5, Number.NaN]) {
      expect(() => new GatheredCalls<string, string>(size, async (call) => call, async (calls) => calls)).toThrow('maxPerGroup must be a positive integer');
    }
  });
});
