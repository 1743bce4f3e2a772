import { EventEmitter } from 'node:events';
import type { Client, Pool } from 'pg';
import { AppendSignal } from './append-signal';
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

describe('AppendSignal', () => {
  it('given a connection that refuses LISTEN, when the signal starts, then that connection is ended', async () => {
    const connections: RefusingConnection[] = [];
    const database: Database = {
      mode: 'server',
      pool: {} as Pool,
      schema: 'test',
      supportsListen: true,
      async connect() {
        const connection = new RefusingConnection();
        connections.push(connection);
        return connection as unknown as Client;
      },
      close: async () => undefined,
    };
    const signal = new AppendSignal(database);

    await signal.start();
    await signal.close();

    expect(connections).toHaveLength(1);
    expect(connections[0].ended).toBe(true);
  });
});
