import type { Pool } from 'pg';
import { AppendSignal } from '../postgres/append-signal';
import type { Database } from '../postgres/database/database';

/** A signal of the embedded kind: it wakes this process's subscriptions and nothing else. */
export function inProcessSignal(): AppendSignal {
  const database: Database = {
    mode: 'embedded',
    pool: {} as Pool,
    schema: 'test',
    supportsListen: false,
    connect: () => Promise.reject(new Error('not used')),
    close: async () => undefined,
  };
  return new AppendSignal(database, () => false);
}
