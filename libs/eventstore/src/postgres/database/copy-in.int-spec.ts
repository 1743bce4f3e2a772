import type { PoolClient } from 'pg';
import { describeOnPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { inTransaction } from '../checkpoint-store';
import { copyIn, runInOneFlight } from './copy-in';

describeOnPostgres('COPY … FROM STDIN through a pg connection (PostgreSQL)', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', []);
    await test.database.pool.query('create table copied (id int primary key, name text)');
    await test.database.pool.query('create table notes (note text not null)');
  });
  afterAll(async () => {
    await test.dispose();
  });
  afterEach(async () => {
    await test.database.pool.query('truncate copied, notes');
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

  describe('statements and a COPY as one transaction in one round trip', () => {
    const notes = async () => (await test.database.pool.query('select note from notes order by note')).rows.map((row) => row.note);
    const onConnection = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
      const client = await test.database.pool.connect();
      try {
        return await work(client);
      } finally {
        client.release();
      }
    };

    it('given statements around two COPYs, when flown, then all of them take effect, each COPY with its own lines, and the copied rows are counted', async () => {
      const copied = await onConnection((client) =>
        runInOneFlight(client, [
          "insert into notes values ('before')",
          'select 1',
          { copy: 'copy copied (id, name) from stdin', lines: '1\tone\n' },
          "insert into notes values ('between')",
          { copy: 'copy copied (id, name) from stdin', lines: '2\ttwo\n3\tthree\n' },
          "insert into notes values ('after')",
        ]),
      );

      expect(copied).toBe(3);
      expect(await names()).toEqual([{ id: 1, name: 'one' }, { id: 2, name: 'two' }, { id: 3, name: 'three' }]);
      expect(await notes()).toEqual(['after', 'before', 'between']);
    });

    it('given a statement after the COPY that fails, then the copied rows are rolled back with it and the connection serves the next statement', async () => {
      await onConnection(async (client) => {
        await expect(
          runInOneFlight(client, [
            "insert into notes values ('before')",
            { copy: 'copy copied (id, name) from stdin', lines: '1\tone\n' },
            'insert into notes values (null)',
          ]),
        ).rejects.toMatchObject({ code: '23502' });
        expect((await client.query('select 3 as still')).rows).toEqual([{ still: 3 }]);
      });

      expect(await names()).toEqual([]);
      expect(await notes()).toEqual([]);
    });

    it('given a statement before the COPY that fails, then nothing is stored, the lines sent behind it are dropped unread, and the connection serves the next statement', async () => {
      await onConnection(async (client) => {
        await expect(
          runInOneFlight(client, [
            "insert into notes values ('before')",
            'select 1 / 0',
            { copy: 'copy copied (id, name) from stdin', lines: '1\tone\n2\ttwo\n' },
            { copy: 'copy copied (id, name) from stdin', lines: '4\tfour\n' },
          ]),
        ).rejects.toMatchObject({ code: '22012' });
        expect((await client.query('select 4 as still')).rows).toEqual([{ still: 4 }]);
        // The next flight on the same connection is not mistaken for the lines of the failed one.
        await runInOneFlight(client, [{ copy: 'copy copied (id, name) from stdin', lines: '3\tthree\n' }]);
      });

      expect(await names()).toEqual([{ id: 3, name: 'three' }]);
      expect(await notes()).toEqual([]);
    });

    it('given transaction control, a COPY without its lines or lines without a COPY, then it is refused before anything is sent', async () => {
      await onConnection(async (client) => {
        await expect(runInOneFlight(client, ["insert into notes values ('x')", 'commit'])).rejects.toThrow(/no transaction control/);
        await expect(runInOneFlight(client, ["insert into notes values ('x')", 'copy copied from stdin'])).rejects.toThrow(/goes as a copy step/);
        await expect(runInOneFlight(client, [{ copy: 'select 1', lines: '' }])).rejects.toThrow(/not a single COPY/);
      });
      expect(await notes()).toEqual([]);
    });
  });
});
