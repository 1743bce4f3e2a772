import type { PostgresEventStore } from '../postgres-event-store';
import { newEvent, uniqueStream } from '../../testing/event-store.contract';
import { openTestEventStore, type TestEventStore } from '../../testing/test-event-store';
import { type Anchor, ChainVerifier } from './chain-verifier';
import { AnchorSchedule } from './anchor-schedule';

describe('the anchor schedule', () => {
  let test: TestEventStore;
  let store: PostgresEventStore;
  let verifier: ChainVerifier;

  beforeEach(async () => {
    test = await openTestEventStore('pglite');
    store = test.store;
    verifier = new ChainVerifier(test.database.pool);
    await store.append([{ stream: uniqueStream('client'), expectedVersion: 'no_stream', events: [newEvent('A1')] }]);
  });
  afterEach(() => test.dispose());

  it('anchors on its own once started, and reports each anchor', async () => {
    // Given a schedule with a short interval
    const reported: Anchor[] = [];
    const schedule = new AnchorSchedule(verifier, { intervalMs: 20, onAnchor: (anchor) => reported.push(anchor) });
    // When it runs for a while
    schedule.start();
    while (reported.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await schedule.stop();
    // Then the log is anchored once (nothing settled after the first)
    expect(await verifier.anchors()).toEqual([expect.objectContaining({ anchorId: reported[0].anchorId, streamCount: 1 })]);
  });

  it('adds an anchor only after new events settled, and reports failures instead of throwing', async () => {
    const errors: unknown[] = [];
    const schedule = new AnchorSchedule(verifier, { intervalMs: 0, onError: (error) => errors.push(error) });
    await schedule.tick();
    await schedule.tick();
    expect(await verifier.anchors()).toHaveLength(1);
    await store.append([{ stream: uniqueStream('client'), expectedVersion: 'no_stream', events: [newEvent('B1')] }]);
    await schedule.tick();
    expect(await verifier.anchors()).toHaveLength(2);
    // When the anchor table is gone, the round fails and says so
    await test.database.pool.query('drop table es_anchors');
    await schedule.tick();
    expect(errors).toHaveLength(1);
  });
});
