import { WrittenRows } from './written-rows';

type Row = { id: string; name: string };
const row = (id: string, name: string): Row => ({ id, name });
const committed = (rows: Array<[string, Row | null]>) => async () => new Map(rows);
const failed = async (): Promise<Map<string, Row | null>> => {
  throw new Error('connection lost during commit');
};

describe('WrittenRows', () => {
  it('answers for every key while the table started empty: nothing needs reading', async () => {
    // Given a memory of a table that held no rows, and a batch that wrote a
    const written = new WrittenRows<Row>();
    await written.keep(committed([['a', row('a', 'A')]]));

    // Then no key is unknown, written or not
    expect(written.unknown(['a', 'b'])).toEqual([]);
    expect(written.get('a')).toEqual(row('a', 'A'));
    expect(written.get('b')).toBeUndefined();
  });

  it('after a failed batch, knows nothing and reads every key', async () => {
    // Given a complete memory
    const written = new WrittenRows<Row>();
    await written.keep(committed([['a', row('a', 'A')]]));

    // When a batch fails, whose commit may have happened
    await expect(written.keep(failed)).rejects.toThrow('connection lost');

    // Then every key is read from the table again
    expect(written.unknown(['a', 'b'])).toEqual(['a', 'b']);
    expect(written.get('a')).toBeUndefined();
  });

  it('after a failure, answers again for the keys later batches wrote or deleted, and only for those', async () => {
    const written = new WrittenRows<Row>();
    await expect(written.keep(failed)).rejects.toThrow();
    await written.keep(committed([['a', row('a', 'A')], ['gone', null]]));

    expect(written.unknown(['a', 'gone', 'b'])).toEqual(['b']);
    expect(written.get('gone')).toBeUndefined();
  });

  it('beyond its capacity, starts afresh and no longer answers for absent keys', async () => {
    const written = new WrittenRows<Row>(2);
    await written.keep(committed([['a', row('a', 'A')], ['b', row('b', 'B')]]));
    expect(written.unknown(['c'])).toEqual([]);

    await written.keep(committed([['c', row('c', 'C')]]));

    expect(written.unknown(['a', 'c'])).toEqual(['a', 'c']);
  });

  it('given rows recorded ahead of their commit, then the next batch is answered from them, and forgetting drops them with the rest', async () => {
    // Given a committed row, and a batch on its way that renames it and adds another
    const written = new WrittenRows<Row>();
    await written.keep(committed([['a', row('a', 'A')]]));
    written.recordAhead(new Map([['a', row('a', 'A2')], ['b', row('b', 'B')]]));

    // Then the next batch folds on what that batch will leave
    expect(written.get('a')).toEqual(row('a', 'A2'));
    expect(written.hasNoRow('b')).toBe(false);
    expect(written.unknown(['a', 'b', 'c'])).toEqual([]);

    // And when its write fails, nothing is answered for any more
    written.forget();
    expect(written.unknown(['a', 'b'])).toEqual(['a', 'b']);
    expect(written.hasNoRow('c')).toBe(false);
  });

  it('given rows recorded and one deleted, then its entries are the rows alone, while its size counts the deletion too', async () => {
    // Given two rows, and a third key deleted
    const written = new WrittenRows<Row>();
    await written.keep(committed([['a', row('a', 'A')], ['b', row('b', 'B')], ['c', null]]));

    // Then the rows it holds are those of a and b
    expect([...written.entries()]).toEqual([['a', row('a', 'A')], ['b', row('b', 'B')]]);
    // ... and it holds three keys, against its capacity
    expect(written.size).toBe(3);
  });
});
