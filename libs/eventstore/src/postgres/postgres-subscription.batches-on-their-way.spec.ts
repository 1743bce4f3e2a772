import { type BatchOnItsWay, type Checkpoint, type RecordedEvent, START_CHECKPOINT, type SubscriptionHandler } from '../event-store.port';
import { eventually } from '../testing/eventually';
import { hasSettled } from '../testing/has-settled';
import { inProcessSignal } from '../testing/in-process-signal';
import { type PageReader, PostgresSubscription, type SubscriptionSource } from './postgres-subscription';

const BATCH_SIZE = 2;

const event = (position: number): RecordedEvent => ({
  id: `event-${position}`,
  stream: 'stream-1',
  streamVersion: position,
  position,
  transactionId: String(position),
  type: 'Noted',
  data: {},
  metadata: { actor: 'test', commandId: `command-${position}`, correlationId: `command-${position}` },
  recordedAt: new Date(0),
});

/** A log of `count` events, one per transaction, all committed. */
function logOf(count: number): SubscriptionSource & { readAll: PageReader<RecordedEvent> } {
  const events = Array.from({ length: count }, (_, index) => event(index + 1));
  return {
    readAll: async ({ after = START_CHECKPOINT, limit = 500 } = {}) => events.filter((e) => e.position > after.position).slice(0, limit),
    headPosition: async () => count,
    countAfter: async (after) => events.filter((e) => e.position > after.position).length,
    covers: async (after, position) => after.position >= position,
    horizon: async () => undefined,
  };
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function deferred(): Deferred {
  const parts: Partial<Deferred> = {};
  parts.promise = new Promise<void>((resolve, reject) => Object.assign(parts, { resolve, reject }));
  return parts as Deferred;
}

/**
 * A handler that takes batches in at once and writes them one after the other, each write
 * finishing when the test says so; a failed write fails the writes after it, as a real one must.
 */
class WritingAhead implements SubscriptionHandler {
  stored: Checkpoint = START_CHECKPOINT;
  readonly taken: number[][] = [];
  readonly writes: Deferred[] = [];
  private last: Promise<void> = Promise.resolve();

  loadCheckpoint = async (): Promise<Checkpoint> => {
    this.last = Promise.resolve();
    return this.stored;
  };

  handle = async (events: RecordedEvent[], checkpoint: Checkpoint): Promise<BatchOnItsWay> => {
    this.taken.push(events.map((e) => e.position));
    const write = deferred();
    this.writes.push(write);
    const committed = this.last.then(() => write.promise).then(() => void (this.stored = checkpoint));
    this.last = committed;
    return { committed };
  };
}

/** Subscribes a handler that writes ahead to a log of `count` events; lets every write through and stops after `test`. */
async function writingAheadOn(count: number, test: (handler: WritingAhead, subscription: PostgresSubscription<RecordedEvent>) => Promise<void>): Promise<void> {
  const handler = new WritingAhead();
  const log = logOf(count);
  const subscription = new PostgresSubscription(log, log.readAll, inProcessSignal(), { id: 'ahead', handler, batchSize: BATCH_SIZE }, () => undefined);
  subscription.start();
  try {
    await test(handler, subscription);
  } finally {
    for (const write of handler.writes) write.resolve();
    await subscription.stop();
  }
}

/** Six events in batches of two, by position. */
const THREE_BATCHES = [
  [1, 2],
  [3, 4],
  [5, 6],
];

describe('PostgresSubscription with a handler that answers before its batch has committed', () => {
  it('given a log of three full batches, when the first is still committing, then the second is handed over meanwhile, and a waiter for the first is settled only once it has committed', () =>
    writingAheadOn(6, async (handler, subscription) => {
      // Given six events in batches of two, and a handler whose writes wait for the test
      // When the first batch's write has not finished
      await eventually(() => handler.taken.length, (taken) => taken === 2);
      const first = subscription.waitFor(2);

      // Then the second batch was taken in meanwhile, and the first is not yet counted handled
      expect(handler.taken).toEqual(THREE_BATCHES.slice(0, 2));
      expect(await hasSettled(first)).toBe(false);
      expect((await subscription.lag()).checkpoint.position).toBe(0);

      // ... until it has committed
      handler.writes[0].resolve();
      await first;
      expect((await subscription.lag()).checkpoint.position).toBe(2);

      // And the rest follow in order once their writes finish
      await eventually(() => handler.taken.length, (taken) => taken === 3);
      handler.writes[1].resolve();
      handler.writes[2].resolve();
      await subscription.waitFor(6);
      expect(handler.taken).toEqual(THREE_BATCHES);
    }));

  it('given the first batch is committing and the second was taken in, when the first write fails, then nothing past the stored checkpoint is counted and both batches are handed over again', () =>
    writingAheadOn(6, async (handler, subscription) => {
      // Given six events in batches of two, the first two batches taken in
      await eventually(() => handler.taken.length, (taken) => taken === 2);

      // When the first write fails (the second, chained behind it, fails with it)
      handler.writes[0].reject(new Error('connection lost'));

      // Then the subscription resumes from the stored checkpoint and hands the first batch again
      await eventually(() => handler.taken.length, (taken) => taken >= 3, 5_000);
      expect(handler.taken[2]).toEqual(THREE_BATCHES[0]);
      expect((await subscription.lag()).lastError).toBe('connection lost');
      expect((await subscription.lag()).checkpoint.position).toBe(0);

      // And once the writes succeed, every event is handled
      const resolving = setInterval(() => handler.writes.slice(2).forEach((write) => write.resolve()), 10);
      try {
        await subscription.waitFor(6);
      } finally {
        clearInterval(resolving);
      }
      expect(handler.taken.slice(2)).toEqual(THREE_BATCHES);
    }));

  it('given a batch still committing, when the subscription is stopped, then stop returns only once the write has finished', () =>
    writingAheadOn(4, async (handler, subscription) => {
      // Given a batch taken in whose write has not finished
      await eventually(() => handler.taken.length, (taken) => taken === 2);

      // When the subscription is stopped
      const stopped = subscription.stop();

      // Then it waits for the writes on their way
      expect(await hasSettled(stopped)).toBe(false);
      for (const write of handler.writes) write.resolve();
      await stopped;
      expect(handler.stored.position).toBe(4);
    }));
});
