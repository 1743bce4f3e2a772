import { appendNotifiesMigration } from './append-notifies.migration';
import type { Migration } from './migration';
import { replaceOnce } from './replace-once';

/**
 * The wake-up a batch carries names its sender. The store that sent it skips it when it comes back
 * to its own listener: that store woke its own subscriptions when the batch was answered, and only
 * those taking the appended types. Told apart by nothing, its own notifications came back and woke
 * every subscription of the process, for every batch that carried one.
 */
const appendNotifySender = [
  (sql: string) =>
    replaceOnce(
      sql,
      'drop function es_append_batch(jsonb);\n\ncreate function es_append_batch(p_batch jsonb, p_channel text default null)',
      'drop function es_append_batch(jsonb, text);\n\ncreate function es_append_batch(p_batch jsonb, p_channel text default null, p_sender text default null)',
    ),
  (sql: string) => replaceOnce(sql, "perform pg_notify(p_channel, '');", "perform pg_notify(p_channel, coalesce(p_sender, ''));"),
].reduce((sql, change) => change(sql), appendNotifiesMigration.sql);

export const appendNotifySenderMigration: Migration = { id: 'eventstore/010-append-notify-sender', sql: appendNotifySender };
