import { openTestDatabase, type TestDatabase } from '../../../eventstore/src/testing/test-database';
import { SharedSessionPool } from './shared-session-pool';

describe('SharedSessionPool on embedded PGlite', () => {
  let test: TestDatabase;
  let shared: SharedSessionPool;
  beforeAll(async () => {
    test = await openTestDatabase('pglite', []);
  });
  afterAll(async () => {
    await test?.dispose();
  });
  beforeEach(() => {
    shared = new SharedSessionPool(test.database.pool);
  });
  afterEach(async () => {
    await shared.end();
  });

  it('given a LISTEN client from the shared pool, when a statement on the hub pool notifies, then the client hears it', async () => {
    const listener = await shared.connect();
    await listener.query('LISTEN test_channel');
    const heard = new Promise<string | undefined>((resolve) => listener.on('notification', (message) => resolve(message.payload)));
    await test.database.pool.query(`select pg_notify('test_channel', 'job added')`);
    await expect(heard).resolves.toBe('job added');
    listener.release();
  });

  it('given a released client, when the session notifies, then it hears nothing more', async () => {
    const listener = await shared.connect();
    await listener.query('LISTEN test_channel');
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    listener.release();
    await test.database.pool.query(`select pg_notify('test_channel', 'after release')`);
    expect(heard).toEqual([]);
  });

  it('given a client from the shared pool, when it starts a transaction, then it is refused', async () => {
    const client = await shared.connect();
    await expect(client.query('-- a migration\nBEGIN')).rejects.toThrow(/session of its own/);
    client.release();
  });
});
