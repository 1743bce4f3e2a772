import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { inTransaction } from '../checkpoint-store';
import { copyIn } from './copy-in';

describeOnPostgres('COPY … FROM STDIN through a pg connection (PostgreSQL)', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', []);
    await test.database.pool.query('create table copied (id int primary key, name text)');
  });
  afterAll(async () => {
    await test.dispose();
  });
  afterEach(async () => {
    await test.database.pool.query('truncate copied');
  });

  const names = async () => (await test.database.pool.query('select id, name from copied order by id')).rows;

  it('given lines in COPY text format, when copied in a transaction, then every row is stored and counted', async () => {
    const copied = await inTransaction(test.database.pool, (tx) => copyIn(tx, 'copy copied (id, name) from stdin', '1\tone\n2\t\\N\n'));

    expect(copied).toBe(2);
    expect(await names()).toEqual([{ id: 1, name: 'one' }, { id: 2, name: null }]);
  });

  it('given a line the server refuses, then the copy rejects, nothing is stored and the connection serves the next statement', async () => {
    const client = await test.database.pool.connect();
    try {
      await client.query('begin');
      await expect(copyIn(client, 'copy copied (id, name) from stdin', '1\tone\nnot a number\ttwo\n')).rejects.toMatchObject({ code: '22P02' });
      await client.query('rollback');
      expect((await client.query('select 1 as still')).rows).toEqual([{ still: 1 }]);
    } finally {
      client.release();
    }
    expect(await names()).toEqual([]);
  });

  it('given a statement that is no COPY FROM STDIN, then it rejects instead of breaking the connection', async () => {
    const client = await test.database.pool.connect();
    try {
      await expect(copyIn(client, 'select 1', '')).rejects.toThrow(/not a single COPY/);
      await expect(copyIn(client, 'copy (select 1) to stdout', '')).rejects.toThrow(/not a single COPY/);
      expect((await client.query('select 2 as still')).rows).toEqual([{ still: 2 }]);
    } finally {
      client.release();
    }
  });
});
