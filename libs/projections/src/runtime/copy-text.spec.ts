import type { Column } from './column';
import { copyable, copyText } from './copy-text';

const columns: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'name', type: 'text' },
  { name: 'tags', type: 'jsonb' },
  { name: 'at', type: 'timestamptz' },
  { name: 'active', type: 'boolean' },
  { name: 'share', type: 'numeric' },
];

describe('copyText', () => {
  it('writes one line a row, its fields in column order, tab-separated, with absent values as \\N', () => {
    const text = copyText(
      [
        { id: 'a', name: 'Alpha', tags: ['x'], at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), active: true, share: 12.5 },
        { id: 'b', name: null, tags: [], at: '2026-01-02T00:00:00Z', active: false },
      ],
      columns,
    );

    expect(text).toBe('a\tAlpha\t["x"]\t2026-01-02T03:04:05.006Z\tt\t12.5\n' + 'b\t\\N\t[]\t2026-01-02T00:00:00Z\tf\t\\N\n');
  });

  it('writes each row its own time, whether it repeats the row before it or not', () => {
    const first = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const later = new Date(first.getTime() + 1);
    const rows = [first, new Date(first.getTime()), later, first].map((at, i) => ({ id: String(i), at }));

    const text = copyText(rows, [columns[0], columns[3]]);

    expect(text.split('\n').filter(Boolean).map((line) => line.split('\t')[1])).toEqual([
      '2026-01-02T03:04:05.006Z',
      '2026-01-02T03:04:05.006Z',
      '2026-01-02T03:04:05.007Z',
      '2026-01-02T03:04:05.006Z',
    ]);
  });

  it('escapes the backslash, tab and line breaks, in text and in JSON', () => {
    const text = copyText([{ id: 'a', name: 'one\ttwo\\three\nfour\rfive', tags: { note: 'a\\b\tc' } }], columns.slice(0, 3));

    expect(text).toBe('a\tone\\ttwo\\\\three\\nfour\\rfive\t{"note":"a\\\\\\\\b\\\\tc"}\n');
  });

  it('refuses a value it would store otherwise than the upsert does, naming the column', () => {
    expect(() => copyText([{ id: 'a', name: { first: 'x' } }], columns.slice(0, 2))).toThrow(/name \(text\)/);
    expect(() => copyText([{ id: 'a', share: Number.NaN }], [columns[0], columns[5]])).toThrow(/share \(numeric\)/);
    expect(() => copyText([{ id: 'a', active: 'yes' }], [columns[0], columns[4]])).toThrow(/active \(boolean\)/);
  });

  it('takes only the column types it knows: a read model with others is upserted', () => {
    expect(copyable(columns)).toBe(true);
    expect(copyable([...columns, { name: 'tags', type: 'text[]' }])).toBe(false);
    expect(() => copyText([{ tags: ['a'] }], [{ name: 'tags', type: 'text[]' }])).toThrow(/no text\[\] columns/);
  });
});
