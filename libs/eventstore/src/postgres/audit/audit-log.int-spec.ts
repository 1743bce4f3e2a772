import { randomUUID } from 'node:crypto';
import type { PostgresEventStore } from '../postgres-event-store';
import { openTestEventStore, type TestEventStore } from '../../testing/test-event-store';
import { AuditLog } from './audit-log';

describe('the audit log', () => {
  let test: TestEventStore;
  let store: PostgresEventStore;
  let log: AuditLog;
  const event = (type: string, actor: string) => ({
    id: randomUUID(),
    type,
    data: {},
    metadata: { actor, commandId: randomUUID(), correlationId: randomUUID() },
  });

  beforeAll(async () => {
    test = await openTestEventStore('pglite');
    store = test.store;
    log = new AuditLog(test.database.pool);
    // Given 30 events over two clients by two actors
    for (let i = 0; i < 15; i++) {
      await store.append([
        { stream: 'client-a', expectedVersion: 'any', events: [event(i % 3 === 0 ? 'ClusterHeadDesignated' : 'ClientDetailsChanged', 'anna')] },
        { stream: 'client-b', expectedVersion: 'any', events: [event('ClientDetailsChanged', 'kees')] },
      ]);
    }
  });
  afterAll(() => test.dispose());

  it('filters by client stream, type and actor', async () => {
    const page = await log.page({ stream: 'client-a', type: 'ClusterHeadDesignated', actor: 'anna' });
    expect(page.total).toBe(5);
    expect(page.items.every((e) => e.stream === 'client-a' && e.type === 'ClusterHeadDesignated')).toBe(true);
    expect((await log.page({ actor: 'kees' })).total).toBe(15);
  });

  it('filters by time range', async () => {
    const all = await log.page({}, 0, 100);
    const cut = all.items[10].recordedAt;
    const before = await log.page({ to: cut });
    const after = await log.page({ from: cut });
    expect(before.total + after.total).toBe(30);
  });

  it('pages with a position cursor, in position order, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: number | undefined = 0;
    while (cursor !== undefined) {
      const page: Awaited<ReturnType<AuditLog['page']>> = await log.page({}, cursor, 7);
      seen.push(...page.items.map((e) => e.position));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(30);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });

  it('streams every matching event in batches', async () => {
    const streamed = [];
    for await (const e of log.stream({ stream: 'client-b' }, 4)) streamed.push(e);
    expect(streamed).toHaveLength(15);
  });
});
