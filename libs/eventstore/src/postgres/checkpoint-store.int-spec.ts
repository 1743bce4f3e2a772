import { randomUUID } from 'node:crypto';
import { type Checkpoint, START_CHECKPOINT } from '../event-store.port';
import { eventually } from '../testing/eventually';
import { describeOnPostgres, openTestDatabase, type TestDatabase, type TestDatabaseKind } from '../testing/test-database';
import { PostgresCheckpointStore, inTransaction } from './checkpoint-store';
import { eventStoreMigrations } from './migrations/eventstore.migrations';

const first: Checkpoint = { transactionId: '740', position: 12 };
const second: Checkpoint = { transactionId: '745', position: 20 };

function suite(kind: TestDatabaseKind) {
  let db: TestDatabase;
  let checkpoints: PostgresCheckpointStore;
  /** A subscription of each test's own. */
  let runner: string;
  let other: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind, eventStoreMigrations);
    checkpoints = new PostgresCheckpointStore(db.database.pool);
  });
  beforeEach(() => {
    runner = `runner-${randomUUID()}`;
    other = `other-${randomUUID()}`;
  });
  afterAll(() => db.dispose());

  const advance = (from: Checkpoint, to: Checkpoint) =>
    inTransaction(db.database.pool, (tx) => checkpoints.advance(tx, runner, from, to));

  it('given no checkpoint yet, when a runner advances from the start, then its checkpoint is stored', async () => {
    await advance(START_CHECKPOINT, first);

    expect(await checkpoints.load(runner)).toEqual(first);
  });

  it('given a checkpoint, when its runner advances from it, then the new one replaces it', async () => {
    await advance(START_CHECKPOINT, first);

    await advance(first, second);

    expect(await checkpoints.load(runner)).toEqual(second);
  });

  it('given a checkpoint another process moved on, when a runner advances from where it left it, then it is refused and nothing moves', async () => {
    await advance(START_CHECKPOINT, first);
    await advance(first, second);

    await expect(advance(first, { transactionId: '750', position: 30 })).rejects.toThrow(/advanced by another process/);
    await expect(advance(START_CHECKPOINT, { transactionId: '750', position: 30 })).rejects.toThrow(/advanced by another process/);
    expect(await checkpoints.load(runner)).toEqual(second);
  });

  it('given no checkpoint (a reset), when a runner advances from a later one, then it is refused and none is stored', async () => {
    await expect(advance(first, second)).rejects.toThrow(/advanced by another process/);

    const { rows } = await db.database.pool.query('select 1 from es_checkpoints where subscription_id = $1', [runner]);
    expect(rows).toHaveLength(0);
  });

  it('given a refused advance, when its transaction also wrote rows, then they are rolled back with it', async () => {
    await advance(START_CHECKPOINT, second);

    const attempt = inTransaction(db.database.pool, async (tx) => {
      await tx.query(`insert into es_checkpoints (subscription_id, transaction_id, global_position) values ($1, '1', 1)`, [other]);
      await checkpoints.advance(tx, runner, first, second);
    });

    await expect(attempt).rejects.toThrow(/advanced by another process/);
    expect(await checkpoints.load(other)).toEqual(START_CHECKPOINT);
  });

  it('given the advance written out as a statement (for a transaction sent in one go), then it moves the checkpoint as `advance` does, and is refused alike', async () => {
    const named = `runner's ${randomUUID()}`;
    const run = (from: Checkpoint, to: Checkpoint) =>
      inTransaction(db.database.pool, async (tx) => {
        await tx.query(checkpoints.advanceStatement(named, from, to));
      });

    await run(START_CHECKPOINT, first);
    await run(first, second);
    await expect(run(first, { transactionId: '750', position: 30 })).rejects.toMatchObject({ code: 'KH410', message: expect.stringMatching(/advanced by another process/) });

    expect(await checkpoints.load(named)).toEqual(second);
    await expect(run(second, { transactionId: '1', position: 0.5 })).rejects.toThrow(/not a position/);
  });
}

describe('checkpoint store on PGlite', () => suite('pglite'));
describeOnPostgres('checkpoint store on PostgreSQL', () => suite('postgres'));

describeOnPostgres('two runners of one subscription (PostgreSQL)', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await openTestDatabase('postgres', eventStoreMigrations)));
  afterEach(() => db.dispose());

  /** Until another session waits on a lock the given backend holds. */
  const someoneWaitsOn = (backend: number) =>
    eventually(
      async () =>
        (await db.database.pool.query<{ waiting: boolean }>(
          'select exists (select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))) as waiting',
          [backend],
        )).rows[0].waiting,
      (waiting) => waiting,
      10_000,
    );

  it('given both advance from the same checkpoint at once, then the second waits for the first, which stores its batch, and is refused', async () => {
    const checkpoints = new PostgresCheckpointStore(db.database.pool);
    await inTransaction(db.database.pool, (tx) => checkpoints.advance(tx, 'runner', START_CHECKPOINT, first));
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstAdvanced!: (backend: number) => void;
    const advanced = new Promise<number>((resolve) => (firstAdvanced = resolve));

    // Given one runner that has advanced and holds its transaction open
    const winner = inTransaction(db.database.pool, async (tx) => {
      await checkpoints.advance(tx, 'runner', first, second);
      firstAdvanced((await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid);
      await firstHolds;
    });
    const winnerBackend = await advanced;
    // When a second runner advances from the same checkpoint
    const loser = inTransaction(db.database.pool, (tx) => checkpoints.advance(tx, 'runner', first, { transactionId: '750', position: 30 }));
    const loserOutcome = loser.then(() => 'stored', () => 'refused');
    try {
      // Then it waits on the first one's lock (it has not read the row as it was before) ...
      await someoneWaitsOn(winnerBackend);
    } finally {
      releaseFirst();
      await winner;
    }

    // ... and once the first commits, it is refused, and the first one's checkpoint stands
    expect(await loserOutcome).toBe('refused');
    expect(await checkpoints.load('runner')).toEqual(second);
  });

  it('given a subscription with no checkpoint yet, when a swap holds it, then a runner advancing from the start waits for the swap and is refused', async () => {
    const checkpoints = new PostgresCheckpointStore(db.database.pool);
    let releaseSwap!: () => void;
    const swapHolds = new Promise<void>((resolve) => (releaseSwap = resolve));
    let held!: (backend: number) => void;
    const holding = new Promise<number>((resolve) => (held = resolve));

    // Given a swap holding the checkpoint of a runner that never stored one, and moving it on
    const swap = inTransaction(db.database.pool, async (tx) => {
      await checkpoints.hold(tx, 'fresh-runner');
      held((await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid);
      await swapHolds;
      await checkpoints.save(tx, 'fresh-runner', second);
    });
    const swapBackend = await holding;
    // When the runner's first batch advances from the start
    const runner = inTransaction(db.database.pool, (tx) => checkpoints.advance(tx, 'fresh-runner', START_CHECKPOINT, first));
    const runnerOutcome = runner.then(() => 'stored', () => 'refused');
    try {
      // Then it waits for the swap ...
      await someoneWaitsOn(swapBackend);
    } finally {
      releaseSwap();
      await swap;
    }

    // ... and is refused once it has committed: the swap's checkpoint stands
    expect(await runnerOutcome).toBe('refused');
    expect(await checkpoints.load('fresh-runner')).toEqual(second);
  });
});
