import type { Migration } from '@koppelhub/eventstore';

export const idempotencyMigrations: Migration[] = [
  {
    id: 'application/001-idempotency-keys',
    sql: `
      create table idempotency_keys (
        actor text not null,
        key text not null,
        fingerprint text not null,
        status int not null,
        body jsonb,
        created_at timestamptz not null default now(),
        primary key (actor, key)
      );
    `,
  },
  {
    // The position a successful command answered with (`X-Event-Position`), given again on a
    // replay; answers stored before it have none and are replayed without the header.
    id: 'application/002-idempotency-event-position',
    sql: `alter table idempotency_keys add column event_position bigint;`,
  },
];
