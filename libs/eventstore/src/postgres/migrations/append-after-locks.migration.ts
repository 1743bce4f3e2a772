import { appendBatchMigration } from './append-batch.migration';
import type { Migration } from './migration';
import { replaceOnce } from './replace-once';

const clockInDeclare = `
  v_at timestamptz := clock_timestamp();
  v_at_text text := to_char(v_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US');
`;

const streamLocks = `
  perform pg_advisory_xact_lock(hashtextextended(u.name, 0))
     from unnest(v_names) with ordinality u(name, ord) order by u.ord;
`;

/**
 * es_append_batch read the clock when it was called, before taking the stream locks: an append
 * that waited on a lock kept its early time, so a stream could record version 2 before version 1.
 * The clock is now read once every stream lock is held; whoever wrote a stream before has then
 * committed, so recorded_at never goes back within a stream. The hash still covers `v_at_text`,
 * the stored time, so the chain verifies as before.
 *
 * Derived from the released function's text by asserted replacements instead of a copy of its
 * 170 lines: the change stays readable here, and the module fails to load if the released text
 * ever stops matching (it never changes: released migrations are not edited).
 */
const appendAfterLocks = [
  // 007 dropped es_append before creating the function; here the function is replaced in place.
  (sql: string) =>
    replaceOnce(sql, 'drop function es_append(jsonb, jsonb);\n\ncreate function', 'create or replace function'),
  (sql: string) => replaceOnce(sql, clockInDeclare, '\n  v_at timestamptz;\n  v_at_text text;\n'),
  (sql: string) =>
    replaceOnce(
      sql,
      streamLocks,
      `${streamLocks}  -- Only now: a writer this append waited for has committed, and its time is earlier.
  v_at := clock_timestamp();
  v_at_text := to_char(v_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US');
`,
    ),
].reduce((sql, change) => change(sql), appendBatchMigration.sql);

export const appendAfterLocksMigration: Migration = { id: 'eventstore/008-append-after-locks', sql: appendAfterLocks };
