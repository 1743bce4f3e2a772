import { appendAfterLocksMigration } from './append-after-locks.migration';
import type { Migration } from './migration';
import { replaceOnce } from './replace-once';

/**
 * es_append_batch can carry the wake-up for other processes: given a channel, it notifies on it,
 * and the notification goes out when the batch commits. Sent as a statement of its own after the
 * answer, the same wake-up cost a second transaction on a second connection while the next batch
 * was on its way, about a tenth of the commands' rate in the commands bench.
 *
 * The notification queue's lock serialises the commits of transactions that notify, so the caller
 * has at most one batch carrying a channel in flight at a time (see AppendSignal); batches without
 * one pass NULL and take no lock.
 */
const appendNotifies = [
  (sql: string) =>
    replaceOnce(
      sql,
      'create or replace function es_append_batch(p_batch jsonb)',
      'drop function es_append_batch(jsonb);\n\ncreate function es_append_batch(p_batch jsonb, p_channel text default null)',
    ),
  (sql: string) =>
    replaceOnce(
      sql,
      '\nbegin\n',
      `\nbegin\n  if p_channel is not null then perform pg_notify(p_channel, ''); end if;\n`,
    ),
].reduce((sql, change) => change(sql), appendAfterLocksMigration.sql);

export const appendNotifiesMigration: Migration = { id: 'eventstore/009-append-notifies', sql: appendNotifies };
