import { copyText } from './copy-text';
import type { Column } from './column';

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

    expect(text).toBe('a\tAlpha\t["x"]\t2026-01-02T03:04:05.006Z\ttrue\t12.5\n' + 'b\t\\N\t[]\t2026-01-02T00:00:00Z\tfalse\t\\N\n');
  });

  it('escapes the backslash, tab and line breaks, in text and in JSON', () => {
    const text = copyText([{ id: 'a', name: 'one\ttwo\\three\nfour\rfive', tags: { note: 'a\\b\tc' } }], columns.slice(0, 3));

    expect(text).toBe('a\tone\\ttwo\\\\three\\nfour\\rfive\t{"note":"a\\\\\\\\b\\\\tc"}\n');
  });
});
