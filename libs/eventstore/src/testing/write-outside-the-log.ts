import type { ClientBase } from 'pg';

/**
 * Opens a transaction on `connection` that takes a transaction id by a write outside any event log
 * (a temporary table of its own), and leaves it open: a bystander, as a report or a read model's
 * transaction would be. The caller rolls it back.
 */
export async function writeOutsideTheLog(connection: ClientBase): Promise<void> {
  await connection.query('begin');
  await connection.query('create temporary table scratch (n int)');
  await connection.query('insert into scratch values (1)');
}
