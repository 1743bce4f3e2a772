import { AppendBatcher, type BatchedAppend, type BatchRow, type SendBatch } from './append-batcher';

const append = (stream: string): BatchedAppend => ({
  streams: [{ stream, expected: 0 }],
  events: [{ id: `${stream}-1`, stream, type: 'Happened', data: {}, metadata: {} }],
});

const row = (appendIndex: number, outcome: BatchRow['outcome'], position: number): BatchRow => ({
  append_index: appendIndex,
  outcome,
  detail: null,
  event_id: `e${position}`,
  stream_name: 's',
  stream_version: '1',
  global_position: String(position),
  transaction_id: '1',
  recorded_at: new Date(0),
});

/** A database that answers each batch when the test says so. */
class ControlledDatabase {
  readonly batches: BatchedAppend[][] = [];
  private readonly answers: Array<(answer: BatchRow[] | Error) => void> = [];

  readonly send: SendBatch = (batch) => {
    this.batches.push(batch);
    return new Promise((resolve, reject) =>
      this.answers.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer))),
    );
  };

  answer(index: number, answer: BatchRow[] | Error): void {
    this.answers[index](answer);
  }
}

/** Lets answered promises run on and the batcher's next turn come. */
const settle = async () => {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
};

describe('AppendBatcher', () => {
  it('given nothing in flight, when an append arrives, then it is sent at once on its own', async () => {
    const database = new ControlledDatabase();
    const batcher = new AppendBatcher(database.send, { maxInFlight: 1, maxAppends: 10 });

    const result = batcher.submit(append('a'));
    await settle();

    expect(database.batches).toEqual([[append('a')]]);
    database.answer(0, [row(0, 'appended', 1)]);
    await expect(result).resolves.toEqual([row(0, 'appended', 1)]);
  });

  it('given callers woken together, when they submit in the same turn, then they go in one batch', async () => {
    const database = new ControlledDatabase();
    const batcher = new AppendBatcher(database.send, { maxInFlight: 1, maxAppends: 10 });

    void batcher.submit(append('a'));
    void batcher.submit(append('b'));
    await settle();

    expect(database.batches).toEqual([[append('a'), append('b')]]);
  });

  it('given a batch in flight, when more appends arrive, then they wait and go together, each getting its own rows', async () => {
    const database = new ControlledDatabase();
    const batcher = new AppendBatcher(database.send, { maxInFlight: 1, maxAppends: 10 });
    const first = batcher.submit(append('a'));
    await settle();
    const second = batcher.submit(append('b'));
    const third = batcher.submit(append('c'));
    await settle();
    expect(database.batches).toHaveLength(1);

    database.answer(0, [row(0, 'appended', 1)]);
    await settle();

    expect(database.batches[1]).toEqual([append('b'), append('c')]);
    database.answer(1, [row(1, 'appended', 3), row(0, 'conflict', 0), row(1, 'appended', 2)]);
    await expect(first).resolves.toHaveLength(1);
    await expect(second).resolves.toEqual([row(0, 'conflict', 0)]);
    await expect(third).resolves.toEqual([row(1, 'appended', 2), row(1, 'appended', 3)]);
  });

  it('given more waiting than a batch holds, when a slot frees, then the batch is cut at the limit', async () => {
    const database = new ControlledDatabase();
    const batcher = new AppendBatcher(database.send, { maxInFlight: 1, maxAppends: 2 });
    void batcher.submit(append('a'));
    await settle();
    ['b', 'c', 'd'].forEach((s) => void batcher.submit(append(s)));

    database.answer(0, [row(0, 'appended', 1)]);
    await settle();

    expect(database.batches.map((b) => b.length)).toEqual([1, 2]);
  });

  it('given a batch that fails as a whole, when it is answered, then each append is sent again alone', async () => {
    const database = new ControlledDatabase();
    const batcher = new AppendBatcher(database.send, { maxInFlight: 1, maxAppends: 10 });
    void batcher.submit(append('a'));
    await settle();
    const b = batcher.submit(append('b'));
    const c = batcher.submit(append('c'));
    database.answer(0, [row(0, 'appended', 1)]);
    await settle();

    database.answer(1, new Error('connection lost'));
    await settle();

    expect(database.batches.slice(2)).toEqual([[append('b')], [append('c')]]);
    database.answer(2, [row(0, 'appended', 2)]);
    database.answer(3, new Error('still refused'));
    await expect(b).resolves.toEqual([row(0, 'appended', 2)]);
    await expect(c).rejects.toThrow('still refused');
  });

  it('given an append the batch saw twice, when it is answered "again", then it goes in the next batch', async () => {
    const database = new ControlledDatabase();
    const batcher = new AppendBatcher(database.send, { maxInFlight: 1, maxAppends: 10 });
    void batcher.submit(append('a'));
    await settle();
    void batcher.submit(append('x'));
    const repeat = batcher.submit(append('x'));
    database.answer(0, [row(0, 'appended', 1)]);
    await settle();

    database.answer(1, [row(0, 'appended', 2), row(1, 'again', 0)]);
    await settle();

    expect(database.batches[2]).toEqual([append('x')]);
    database.answer(2, [row(0, 'stored', 2)]);
    await expect(repeat).resolves.toEqual([row(0, 'stored', 2)]);
  });
});
