import { SubscriptionStopped } from '../errors';
import type { Checkpoint, RecordedEvent } from '../event-store.port';
import { newEvent, RecordingHandler, uniqueStream } from '../testing/event-store.contract';
import { describeOnPostgres, type TestDatabaseKind } from '../testing/test-database';
import { eventually } from '../testing/eventually';
import { openTestEventStore, type TestEventStore } from '../testing/test-event-store';

/** A handler that, once told to hold, lets batches through only one permit at a time. */
class HeldHandler extends RecordingHandler {
  arrived = 0;
  private permits = Infinity;
  private wake?: () => void;

  hold(): void {
    this.permits = 0;
  }

  letThrough(batches = Infinity): void {
    this.permits += batches;
    this.wake?.();
  }

  override async handle(events: RecordedEvent[], checkpoint: Checkpoint): Promise<void> {
    this.arrived += events.length;
    while (this.permits <= 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.permits--;
    await super.handle(events, checkpoint);
  }
}

/** Callers waiting for a subscription to handle a position (read-your-writes, the sync's reads). */
function suite(kind: TestDatabaseKind) {
  let db: TestEventStore;

  beforeEach(async () => {
    db = await openTestEventStore(kind);
  });
  afterEach(() => db.dispose());

  it('given twenty callers waiting for a batch being handled, when it is handled, then one look at the log settles every one', async () => {
    const { store } = db;
    const handler = new HeldHandler();
    const subscription = store.subscribe({ id: `waiters-${kind}`, handler });
    const looks = jest.spyOn(store, 'covers');
    try {
      // Given twenty events in the hands of the subscription, held there
      handler.hold();
      const appended = await store.append([
        { stream: uniqueStream(), expectedVersion: 'no_stream', events: Array.from({ length: 20 }, () => newEvent('Happened')) },
      ]);
      await eventually(() => handler.arrived === 20, Boolean, 5_000);
      // and a caller waiting for each of them
      const waiting = appended.events.map((event) => subscription.waitFor(event.position, 5_000));
      looks.mockClear();

      // When the batch is handled
      handler.letThrough(1);

      // Then every caller is settled after a single look at the log, not one per caller
      await Promise.all(waiting);
      expect(looks).toHaveBeenCalledTimes(1);
    } finally {
      looks.mockRestore();
      handler.letThrough();
      await subscription.stop();
    }
  });

  it('given a subscription idle after handling an append, when a caller waits for it, then one look answers: no read, no horizon, no count', async () => {
    const { store } = db;
    const subscription = store.subscribe({ id: `waiters-look-${kind}`, types: ['Happened'], handler: new RecordingHandler() });
    const spies = (['covers', 'readAll', 'horizon', 'countAfter'] as const).map((method) => jest.spyOn(store, method));
    try {
      // Given an append the subscription has handled, and has gone idle since
      const appended = await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('Happened')] }]);
      await subscription.waitFor(appended.events[0].position, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      spies.forEach((spy) => spy.mockClear());

      // When a caller waits for it (the first to ask for exactly that position since)
      const other = await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('Other')] }]);
      await subscription.waitFor(other.events[0].position, 5_000);

      // Then a single look at the log settled it
      const [covers, readAll, horizon, countAfter] = spies.map((spy) => spy.mock.calls.length);
      expect({ covers, readAll, horizon, countAfter }).toEqual({ covers: 1, readAll: 0, horizon: 0, countAfter: 0 });
    } finally {
      spies.forEach((spy) => spy.mockRestore());
      await subscription.stop();
    }
  });

  it('given callers waiting for handled events and for one still held, then those handled are settled and the other waits for its batch', async () => {
    const { store } = db;
    const handler = new HeldHandler();
    const subscription = store.subscribe({ id: `waiters-held-${kind}`, handler });
    try {
      // Given two events in the hands of the subscription, held there, and a third one behind them
      handler.hold();
      const handled = await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('A'), newEvent('B')] }]);
      await eventually(() => handler.arrived === 2, Boolean, 5_000);
      const later = await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('C')] }]);
      const [first, second] = handled.events.map((event) => event.position);
      const third = later.events[0].position;
      // and callers waiting for each of the three
      const settled: number[] = [];
      const wait = (position: number) => subscription.waitFor(position, 5_000).then(() => settled.push(position));
      const waiting = [wait(third), wait(first), wait(second)];

      // When the first batch is handled and the second is held
      handler.letThrough(1);
      await eventually(() => handler.arrived === 3, Boolean, 5_000);

      // Then the callers of the first batch are settled and the third waits for its own
      expect(settled.sort((a, b) => a - b)).toEqual([first, second]);
      handler.letThrough();
      await Promise.all(waiting);
      expect(settled).toContain(third);
    } finally {
      handler.letThrough();
      await subscription.stop();
    }
  });

  it('given a caller waiting for an event behind one still held, when the subscription stops, then the caller is told it stopped', async () => {
    const { store } = db;
    const handler = new HeldHandler();
    const subscription = store.subscribe({ id: `waiters-stop-${kind}`, handler });
    try {
      // Given one event held in the handler, and a caller waiting for the one after it
      handler.hold();
      await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('A')] }]);
      await eventually(() => handler.arrived === 1, Boolean, 5_000);
      const later = await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('B')] }]);
      const waiting = subscription.waitFor(later.events[0].position, 60_000).catch((error: Error) => error);

      // When the subscription stops once the held batch is done
      const stopped = subscription.stop();
      handler.letThrough(1);
      await stopped;

      // Then the caller hears it now, not at its time limit
      expect(await waiting).toBeInstanceOf(SubscriptionStopped);
    } finally {
      handler.letThrough();
      await subscription.stop();
    }
  });
}

describe('subscription waiters on PGlite', () => suite('pglite'));
describeOnPostgres('subscription waiters on PostgreSQL', () => {
  suite('postgres');

  // PGlite runs one transaction at a time, so only a server can hold an append in flight.
  describe('an append in flight below a position found handled', () => {
    let db: TestEventStore;

    beforeEach(async () => {
      db = await openTestEventStore('postgres');
    });
    afterEach(() => db.dispose());

    it('given a later append found handled while it was in flight, when it commits, then its caller waits until it is handled', async () => {
      const { store } = db;
      const handler = new HeldHandler();
      const subscription = store.subscribe({ id: 'waiters-in-flight', types: ['Registered'], handler });
      const session = await db.database.pool.connect();
      try {
        // Given an append of the subscription's type holding its position in an open transaction
        await session.query('begin');
        const { rows } = await session.query<{ position: string }>(
          `insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
           values (gen_random_uuid(), $1, 1, 'Registered', '{}', '{}') returning global_position as position`,
          [uniqueStream()],
        );
        const inFlight = Number(rows[0].position);
        // and a later append of another type, committed, whose caller is answered: nothing of the
        // subscription's types is in sight up to it
        const later = await store.append([{ stream: uniqueStream(), expectedVersion: 'no_stream', events: [newEvent('Renamed')] }]);
        expect(later.events[0].position).toBeGreaterThan(inFlight);
        await subscription.waitFor(later.events[0].position, 5_000);

        // When the first commits and its caller waits for it, the subscription holding its batch
        handler.hold();
        await session.query('commit');
        let answered = false;
        const waiting = subscription.waitFor(inFlight, 5_000).then(() => (answered = true));
        await eventually(() => handler.arrived === 1, Boolean, 5_000);
        await new Promise((resolve) => setTimeout(resolve, 50));

        // Then the caller is not answered until the subscription has handled it
        expect(answered).toBe(false);
        handler.letThrough();
        await waiting;
        expect(handler.received.map((event) => event.position)).toEqual([inFlight]);
      } finally {
        await session.query('rollback').catch(() => undefined);
        session.release();
        handler.letThrough();
        await subscription.stop();
      }
    });
  });
});
