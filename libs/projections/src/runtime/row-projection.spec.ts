import type { RecordedEvent } from '@koppelhub/eventstore';
import type { PoolClient } from 'pg';
import { applyBatch, type RowProjection } from './row-projection';
import { WrittenRows } from './written-rows';

type Row = { id: string; name: string };

/** A read model of names: `Named` sets one, `Dropped` deletes the row, `Noted` means nothing to it. */
const names: RowProjection<Row> = {
  name: 'names',
  table: 'names',
  key: 'id',
  columns: [
    { name: 'id', type: 'text' },
    { name: 'name', type: 'text' },
  ],
  eventTypes: ['Named', 'Dropped', 'Noted'],
  keysOf: (event) => [String(event.data.id)],
  evolve: (_row, event) =>
    event.type === 'Noted' ? undefined : event.type === 'Dropped' ? null : { id: String(event.data.id), name: String(event.data.name) },
};

let position = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${++position}`,
  stream: `names-${String(data.id)}`,
  streamVersion: 1,
  position,
  transactionId: '1',
  type,
  data,
  metadata: { actor: 'test', commandId: 'c', correlationId: 'c' },
  recordedAt: new Date(0),
});

/** A transaction that records its statements and answers a select with the given table rows. */
function fakeTransaction(table: Row[]) {
  const statements: Array<{ text: string; values: unknown[] }> = [];
  const tx = {
    query: async (text: string, values: unknown[]) => {
      statements.push({ text, values });
      if (!text.trim().startsWith('select')) return { rows: [] };
      const keys = values[0] as string[];
      return { rows: table.filter((row) => keys.includes(row.id)) };
    },
  } as unknown as PoolClient;
  const selects = () => statements.filter((s) => s.text.trim().startsWith('select')).map((s) => s.values[0]);
  const upserted = () =>
    statements.filter((s) => s.text.trim().startsWith('insert')).flatMap((s) => JSON.parse(String(s.values[0])) as Row[]);
  return { tx, selects, upserted };
}

describe('applyBatch', () => {
  it('without a memory, reads the rows of every key the batch touches', async () => {
    // Given a table holding a
    const { tx, selects } = fakeTransaction([{ id: 'a', name: 'A' }]);

    // When a batch touches a and b
    await applyBatch(tx, names, [recorded('Named', { id: 'a', name: 'A2' }), recorded('Named', { id: 'b', name: 'B' })]);

    // Then both are read
    expect(selects()).toEqual([['a', 'b']]);
  });

  it('with the memory of a table that started empty, reads nothing and folds from what it wrote', async () => {
    // Given a rebuild that wrote a and deleted b in an earlier batch
    const written = new WrittenRows<Row>();
    await written.keep(async () => new Map<string, Row | null>([['a', { id: 'a', name: 'A' }], ['b', null]]));
    const { tx, selects, upserted } = fakeTransaction([]);

    // When the next batch renames a and names c
    const rows = await applyBatch(tx, names, [recorded('Named', { id: 'a', name: 'A2' }), recorded('Named', { id: 'c', name: 'C' })], { written });

    // Then no row is read back, the rows are written, and the batch answers what it wrote
    expect(selects()).toEqual([]);
    expect(upserted()).toEqual([{ id: 'a', name: 'A2' }, { id: 'c', name: 'C' }]);
    expect([...rows]).toEqual([['a', { id: 'a', name: 'A2' }], ['c', { id: 'c', name: 'C' }]]);
  });

  it('given rows read for events that change nothing in them, then only the rows changed are written back', async () => {
    // Given a table holding a and b
    const { tx, upserted } = fakeTransaction([
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ]);

    // When a batch renames a and brings b an event that means nothing to its row
    const rows = await applyBatch(tx, names, [recorded('Named', { id: 'a', name: 'A2' }), recorded('Noted', { id: 'b' })]);

    // Then only a is written; b is still known as it stands
    expect(upserted()).toEqual([{ id: 'a', name: 'A2' }]);
    expect(rows.get('b')).toEqual({ id: 'b', name: 'B' });
  });

  it('with a memory that lost track once (a failed batch), reads only the keys it does not know', async () => {
    const written = new WrittenRows<Row>();
    await written.keep(async () => Promise.reject(new Error('connection lost'))).catch(() => undefined);
    await written.keep(async () => new Map([['a', { id: 'a', name: 'A' }]]));
    const { tx, selects } = fakeTransaction([{ id: 'b', name: 'B' }]);

    const rows = await applyBatch(tx, names, [recorded('Named', { id: 'a', name: 'A2' }), recorded('Dropped', { id: 'b' })], { written });

    expect(selects()).toEqual([['b']]);
    expect([...rows]).toEqual([['a', { id: 'a', name: 'A2' }], ['b', null]]);
  });
});
