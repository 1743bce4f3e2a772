import type { Migration } from '../postgres/migrations/migration';

/**
 * The per-person keys, outside the event rows: erasing a row's key makes that person's fields in
 * every event unreadable without touching the events (so the hash chain still verifies). A row
 * erased keeps its subject as a tombstone, so no new key is ever made for an erased person.
 * `pd_master_check` holds a value sealed with the master key, to refuse a start with the wrong one.
 */
const personalDataKeys = `
create table pd_keys (
  subject_id text primary key,
  scope text not null,
  wrapped_key bytea,
  created_at timestamptz not null default now(),
  erased_at timestamptz,
  constraint pd_keys_key_or_erased check ((wrapped_key is null) = (erased_at is not null))
);
create index pd_keys_scope on pd_keys (scope);

-- Makes the keys a batch of subjects lacks and returns every subject's key row, in one round trip.
-- Committed without waiting for the WAL flush: a key matters once an event is sealed with it, and
-- that append's own (synchronous) commit flushes the WAL up to and past this one. A key lost in a
-- crash before then sealed nothing that was kept.
create function pd_make_keys(p_subjects text[], p_scopes text[], p_keys bytea[])
returns table (subject_id text, wrapped_key bytea, made boolean)
language plpgsql as $fn$
#variable_conflict use_column
begin
  perform set_config('synchronous_commit', 'off', true);
  return query
    with inserted as (
      insert into pd_keys (subject_id, scope, wrapped_key)
      select * from unnest(p_subjects, p_scopes, p_keys)
      on conflict (subject_id) do nothing
      returning pd_keys.subject_id)
    select i.subject_id, null::bytea, true from inserted i
    union all
    select k.subject_id, k.wrapped_key, false from pd_keys k where k.subject_id = any(p_subjects);
end
$fn$;

create table pd_master_check (
  id smallint primary key default 1 check (id = 1),
  sealed bytea not null,
  created_at timestamptz not null default now()
);
`;

/**
 * A scope whose owner is erased (a client's subject, tombstoned by its erasure) takes no new keys:
 * they are answered as erased, so the store refuses to seal for them. Makers hold the scope's lock
 * shared and an erasure holds it alone, so a key being made while an erasure destroys keys is
 * either committed before (and found by the erasure's look at its scope afterwards) or refused.
 */
const closedScopes = `
-- The advisory lock of a scope, shared by key makers and taken alone by an erasure.
create function pd_scope_lock(p_scope text) returns bigint
language sql immutable as $$ select hashtextextended('pd-scope:' || p_scope, 0) $$;

create or replace function pd_make_keys(p_subjects text[], p_scopes text[], p_keys bytea[])
returns table (subject_id text, wrapped_key bytea, made boolean)
language plpgsql as $fn$
#variable_conflict use_column
begin
  perform set_config('synchronous_commit', 'off', true);
  perform pg_advisory_xact_lock_shared(pd_scope_lock(s)) from (select distinct unnest(p_scopes) as s order by 1) as scopes;
  return query
    with wanted as (
      select w.subject, w.scope, w.key,
             exists (select 1 from pd_keys o where o.subject_id = w.scope and o.erased_at is not null) as closed
        from unnest(p_subjects, p_scopes, p_keys) as w(subject, scope, key)),
    inserted as (
      insert into pd_keys (subject_id, scope, wrapped_key)
      select subject, scope, key from wanted where not closed
      on conflict (subject_id) do nothing
      returning pd_keys.subject_id)
    select i.subject_id, null::bytea, true from inserted i
    union all
    select k.subject_id, k.wrapped_key, false from pd_keys k where k.subject_id = any(p_subjects)
    union all
    select w.subject, null::bytea, false from wanted w
     where w.closed and not exists (select 1 from pd_keys k where k.subject_id = w.subject);
end
$fn$;

`;

export const personalDataMigrations: Migration[] = [
  { id: 'personal-data/001-keys', sql: personalDataKeys },
  { id: 'personal-data/002-closed-scopes', sql: closedScopes },
];
