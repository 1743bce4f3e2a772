import { WrittenRows } from './written-rows';

type Row = { id: string; name: string };
const row = (id: string, name: string): Row => ({ id, name });

describe('WrittenRows', () => {
  it('answers for every key while the table started empty: nothing needs reading', () => {
    // Given a memory of a table that held no rows
    const written = new WrittenRows<Row>(true);
    written.record(new Map([['a', row('a', 'A')]]));

    // Then no key is unknown, written or not
    expect(written.unknown(['a', 'b'])).toEqual([]);
    expect(written.get('a')).toEqual(row('a', 'A'));
    expect(written.get('b')).toBeUndefined();
  });

  it('of a table that held rows already, answers only for the keys it wrote or deleted', () => {
    const written = new WrittenRows<Row>(false);
    written.record(new Map<string, Row | null>([['a', row('a', 'A')], ['gone', null]]));

    expect(written.unknown(['a', 'gone', 'b'])).toEqual(['b']);
    expect(written.get('gone')).toBeUndefined();
  });

  it('after a failure (forget), knows nothing and reads every key', () => {
    // Given a complete memory
    const written = new WrittenRows<Row>(true);
    written.record(new Map([['a', row('a', 'A')]]));

    // When a batch fails, whose commit may have happened
    written.forget();

    // Then every key is read from the table again
    expect(written.unknown(['a', 'b'])).toEqual(['a', 'b']);
    expect(written.get('a')).toBeUndefined();
  });

  it('beyond its capacity, starts afresh and no longer answers for absent keys', () => {
    const written = new WrittenRows<Row>(true, 2);
    written.record(new Map([['a', row('a', 'A')], ['b', row('b', 'B')]]));
    expect(written.unknown(['c'])).toEqual([]);

    written.record(new Map([['c', row('c', 'C')]]));

    expect(written.unknown(['a', 'c'])).toEqual(['a', 'c']);
  });
});
