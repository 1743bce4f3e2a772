import type { Migration } from '@koppelhub/eventstore';

export const authMigrations: Migration[] = [
  {
    id: 'application/010-api-keys',
    sql: `
      create table api_keys (
        id uuid primary key,
        name text not null,
        key_hash text not null unique,
        roles jsonb not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_by text
      );
      create unique index api_keys_active_name on api_keys (name) where revoked_at is null;

      -- Bearer-token principals the hub has seen, with their roles then: lets a request name a
      -- person who signs in through the identity provider as its approver.
      create table auth_principals (
        id text primary key,
        roles jsonb not null,
        last_seen_at timestamptz not null default now()
      );
    `,
  },
];
