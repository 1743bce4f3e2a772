import { type Checkpoint, type RecordedEvent, START_CHECKPOINT } from '../event-store.port';
import { eventually } from '../testing/eventually';
import { inProcessSignal } from '../testing/in-process-signal';
import type { AppendSignal } from './append-signal';
import { type PageReader, PostgresSubscription, type SubscriptionSource } from './postgres-subscription';

/** A log holding nothing of the subscription's types, whose reads answer as `read` says. */
function sourceReading(read: (attempt: number) => Promise<RecordedEvent[]>): SubscriptionSource & { reads: number; readAll: PageReader<RecordedEvent> } {
  const source = {
    reads: 0,
    readAll: async () => read(++source.reads),
    headPosition: async () => 0,
    countAfter: async () => 0,
    covers: async () => true,
    horizon: async (): Promise<Checkpoint | undefined> => undefined,
  };
  return source;
}

function subscribeTo(source: ReturnType<typeof sourceReading>, signal: AppendSignal): PostgresSubscription<RecordedEvent> {
  const handler = { loadCheckpoint: async () => START_CHECKPOINT, handle: async () => undefined };
  const subscription = new PostgresSubscription(source, source.readAll, signal, { id: 'rare-types', handler, types: ['Rare'] }, () => undefined);
  subscription.start();
  return subscription;
}

const restart = () => new Error('terminating connection due to administrator command');

describe('PostgresSubscription recovering from an error', () => {
  it('given a read that failed (a database restart), when the reads after it succeed but find nothing of its types, then lastError is cleared without any new event', async () => {
    // Given a subscription to a rare type whose first read fails, and whose second waits for the test
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const source = sourceReading(async (attempt) => {
      if (attempt === 1) throw restart();
      if (attempt === 2) await released;
      return [];
    });
    const subscription = subscribeTo(source, inProcessSignal());
    try {
      await eventually(() => source.reads, (reads) => reads === 2);
      expect((await subscription.lag()).lastError).toBe(restart().message);

      // When the read after the restart comes back empty (no event of its types was appended)
      release();

      // Then the error is no longer reported, well before the idle recheck would read again
      await eventually(async () => (await subscription.lag()).lastError, (error) => error === undefined, 2_000);
      expect(source.reads).toBe(2);
    } finally {
      await subscription.stop();
    }
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('given reads that failed several times and then recovered with nothing to read, when a read fails again, then it is retried after the first backoff, not the grown one', async () => {
      // Given four failed reads (the backoff grew to 1.6 s) and a fifth that found nothing
      const source = sourceReading(async (attempt) => {
        if (attempt <= 4 || attempt === 6) throw restart();
        return [];
      });
      const signal = inProcessSignal();
      const subscription = subscribeTo(source, signal);
      try {
        await jest.advanceTimersByTimeAsync(100 + 200 + 400 + 800);
        expect(source.reads).toBe(5);

        // When an append wakes it and its read fails once more
        signal.notify();
        await jest.advanceTimersByTimeAsync(0);
        expect(source.reads).toBe(6);

        // Then it reads again after 100 ms
        await jest.advanceTimersByTimeAsync(150);
        expect(source.reads).toBe(7);
        expect((await subscription.lag()).lastError).toBeUndefined();
      } finally {
        const stopped = subscription.stop();
        await jest.advanceTimersByTimeAsync(0);
        await stopped;
      }
    });
  });
});

describe('PostgresSubscription reading behind its horizon', () => {
  it('given a subscription filtered on types, when it reads, then it asks for every event up to the horizon it took just before', async () => {
    // Given a log whose horizon is the event at position 7 of transaction 900
    const horizon: Checkpoint = { transactionId: '900', position: 7 };
    const asked: Array<Checkpoint | undefined> = [];
    const source = {
      ...sourceReading(async () => []),
      horizon: async () => horizon,
      readAll: async (options?: { through?: Checkpoint }) => {
        asked.push(options?.through);
        return [];
      },
    };

    // When the subscription reads
    const subscription = subscribeTo(source, inProcessSignal());
    try {
      await eventually(() => asked.length, (reads) => reads >= 1);

      // Then its read goes through that horizon, whatever the read's own snapshot allows
      expect(asked[0]).toEqual(horizon);
    } finally {
      await subscription.stop();
    }
  });
});
