import { EventEmitter } from 'node:events';
import type { Client, Pool } from 'pg';
import { AppendSignal, NOTIFY_GAP_MS } from './append-signal';
import type { Database } from './database/database';

/** A live connection that refuses the LISTEN itself (a permission, a bad channel name). */
class RefusingConnection extends EventEmitter {
  ended = false;

  async query(): Promise<never> {
    throw new Error('permission denied');
  }

  async end(): Promise<void> {
    this.ended = true;
  }
}

/** A live connection that takes the LISTEN and delivers what the test notifies. */
class ListeningConnection extends EventEmitter {
  async query(): Promise<{ rows: never[] }> {
    return { rows: [] };
  }

  async end(): Promise<void> {
    this.emit('end');
  }
}

/** A server database whose pool is never used, opening connections with `connect`. */
function listeningDatabase(connect: () => EventEmitter): Database {
  return {
    mode: 'server',
    pool: {} as Pool,
    schema: 'test',
    supportsListen: true,
    connect: async () => connect() as unknown as Client,
    close: async () => undefined,
  };
}

/** What the signal woke this process's subscriptions for, one entry per wake-up. */
function recordWakes(signal: AppendSignal): string[] {
  const wakes: string[] = [];
  signal.onAppended((types) => wakes.push(types ? [...types].join(',') : 'every type'));
  return wakes;
}

describe('AppendSignal', () => {
  it('given a connection that refuses LISTEN, when the signal starts, then that connection is ended', async () => {
    const connections: RefusingConnection[] = [];
    const database = listeningDatabase(() => {
      const connection = new RefusingConnection();
      connections.push(connection);
      return connection;
    });
    const signal = new AppendSignal(database, () => false);

    await signal.start();
    await signal.close();

    expect(connections).toHaveLength(1);
    expect(connections[0].ended).toBe(true);
  });
});

describe('AppendSignal: notifications that come back', () => {
  it('given a notification its own batch sent, then it wakes no one; given one from another sender, then every subscription looks', async () => {
    const connection = new ListeningConnection();
    const signal = new AppendSignal(listeningDatabase(() => connection), () => false);
    await signal.start();
    const wakes = recordWakes(signal);

    // When its own wake-up comes back (this process woke its subscriptions when the batch was answered)
    connection.emit('notification', { channel: 'koppelhub_events_test', payload: signal.sender, processId: 1 });
    // Then no one is woken
    expect(wakes).toEqual([]);

    // When another process's wake-up arrives, or one from a version that names no sender
    connection.emit('notification', { channel: 'koppelhub_events_test', payload: 'another-store', processId: 2 });
    connection.emit('notification', { channel: 'koppelhub_events_test', payload: '', processId: 3 });
    // Then every subscription is woken, for any type
    expect(wakes).toEqual(['every type', 'every type']);
    await signal.close();
  });
});

/** A database that records the NOTIFY statements sent on its pool, and never connects. */
function databaseRecordingNotifies(supportsListen = true): { database: Database; notifies: string[] } {
  const notifies: string[] = [];
  const pool = {
    async query(sql: string, params: string[]) {
      notifies.push(`${sql} ${params.join(',')}`);
      return { rows: [] };
    },
  };
  const database: Database = {
    mode: 'server',
    pool: pool as unknown as Pool,
    schema: 'test',
    supportsListen,
    connect: async () => {
      throw new Error('not in this test');
    },
    close: async () => undefined,
  };
  return { database, notifies };
}

/** Runs timers and the promise callbacks they release, as the event loop would. */
async function pass(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

describe('AppendSignal: waking other processes', () => {
  let batchesPending: boolean;
  beforeEach(() => {
    jest.useFakeTimers();
    batchesPending = false;
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('given no wake-up on its way, when a batch is sent, then it carries the channel, and a batch sent beside it carries none', () => {
    const { database } = databaseRecordingNotifies();
    const signal = new AppendSignal(database, () => batchesPending);

    expect(signal.channelForBatch()).toBe('koppelhub_events_test');
    expect(signal.channelForBatch()).toBeNull();
  });

  it('given a batch carried the wake-up, when a batch sent within the gap ends with nothing else on its way, then one NOTIFY of its own goes out once the gap has passed', async () => {
    const { database, notifies } = databaseRecordingNotifies();
    const signal = new AppendSignal(database, () => batchesPending);
    signal.channelForBatch();
    signal.batchEnded(true, true);

    // When a batch sent in the gap ends
    const channel = signal.channelForBatch();
    signal.batchEnded(false, true);
    await pass(NOTIFY_GAP_MS - 1);
    expect(channel).toBeNull();
    expect(notifies).toEqual([]);

    // Then its wake-up goes out alone after the gap, once
    await pass(NOTIFY_GAP_MS);
    expect(notifies).toEqual([`select pg_notify($1, $2) koppelhub_events_test,${signal.sender}`]);
    await pass(10 * NOTIFY_GAP_MS);
    expect(notifies).toHaveLength(1);
  });

  it('given a wake-up is owed, when the gap has passed while a batch is about to be sent, then that batch carries it and no NOTIFY of its own goes out', async () => {
    const { database, notifies } = databaseRecordingNotifies();
    const signal = new AppendSignal(database, () => batchesPending);
    signal.channelForBatch();
    signal.batchEnded(true, true);
    signal.batchEnded(false, true);

    // When the gap passes with appends waiting for the batcher
    batchesPending = true;
    await pass(2 * NOTIFY_GAP_MS);
    const channel = signal.channelForBatch();
    batchesPending = false;
    signal.batchEnded(true, true);
    await pass(10 * NOTIFY_GAP_MS);

    // Then the next batch carried the wake-up, and nothing went alone
    expect(channel).toBe('koppelhub_events_test');
    expect(notifies).toEqual([]);
  });

  it('given a batch carrying the wake-up fails, then the wake-up is owed and goes out alone after the gap', async () => {
    const { database, notifies } = databaseRecordingNotifies();
    const signal = new AppendSignal(database, () => batchesPending);

    signal.channelForBatch();
    signal.batchEnded(true, false);
    await pass(2 * NOTIFY_GAP_MS);

    expect(notifies).toHaveLength(1);
  });

  it('given a batch whose answer was lost, then this process\'s subscriptions look, whatever their types', () => {
    const { database } = databaseRecordingNotifies();
    const signal = new AppendSignal(database, () => batchesPending);
    const wakes = recordWakes(signal);

    // When an answered batch ends, the appends wake their subscriptions themselves (by type)
    signal.batchEnded(false, true);
    expect(wakes).toEqual([]);

    // When a batch ends without its answer (it may have committed), everyone is woken
    signal.batchEnded(true, false);
    expect(wakes).toEqual(['every type']);
  });

  it('given a database that delivers no notifications (embedded), then no batch carries a channel and nothing is sent', async () => {
    const { database, notifies } = databaseRecordingNotifies(false);
    const signal = new AppendSignal(database, () => batchesPending);

    expect(signal.channelForBatch()).toBeNull();
    signal.batchEnded(false, true);
    await pass(10 * NOTIFY_GAP_MS);

    expect(notifies).toEqual([]);
  });
});
