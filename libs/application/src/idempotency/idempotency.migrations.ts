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
];
