import { advanceCheckpointMigration } from './advance-checkpoint.migration';
import { appendAfterLocksMigration } from './append-after-locks.migration';
import { appendBatchMigration } from './append-batch.migration';
import { appendNotifiesMigration } from './append-notifies.migration';
import { appendNewHeadsMigration } from './append-new-heads.migration';
import { appendNotifySenderMigration } from './append-notify-sender.migration';
import { hashCoversPositionMigration } from './hash-covers-position.migration';
import { horizonPastCommitsMigration } from './horizon-past-commits.migration';
import type { Migration } from './migration';
import { readHorizonMigration } from './read-horizon.migration';

/**
 * The event log. `transaction_id` lets a subscription read only below the oldest transaction still
 * in flight, so an event whose transaction commits late is never skipped.
 */
const createEvents = `
create table es_streams (
  stream_name text primary key,
  version bigint not null
);

create table es_events (
  global_position bigint generated always as identity primary key,
  transaction_id xid8 not null default pg_current_xact_id(),
  event_id uuid not null unique,
  stream_name text not null,
  stream_version bigint not null,
  event_type text not null,
  data jsonb not null,
  metadata jsonb not null,
  recorded_at timestamptz not null default clock_timestamp(),
  unique (stream_name, stream_version)
);
create index es_events_delivery_order on es_events (transaction_id, global_position);

create table es_checkpoints (
  subscription_id text primary key,
  transaction_id xid8 not null,
  global_position bigint not null,
  updated_at timestamptz not null default now()
);
`;

/**
 * One round trip per append. Streams are locked with transaction advisory locks, taken in name
 * order and before the first write: an advisory lock assigns no transaction id, so the writer that
 * gets a stream next also gets a higher transaction id, and delivery order by transaction id keeps
 * every stream in version order. It does not NOTIFY: a NOTIFY inside the transaction would
 * serialise every commit on the notification queue lock; the caller notifies afterwards.
 */
const createAppendFunction = `
create function es_append(p_streams jsonb, p_events jsonb)
returns table (
  event_id uuid, stream_name text, stream_version bigint, global_position bigint,
  transaction_id text, recorded_at timestamptz, already_appended boolean
)
language plpgsql as $fn$
#variable_conflict use_column
declare
  v_stream record;
  v_current bigint;
  v_ids uuid[];
  v_stored int;
begin
  for v_stream in
    select s->>'stream' as name from jsonb_array_elements(p_streams) s order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended(v_stream.name, 0));
  end loop;

  select array_agg((e->>'id')::uuid) into v_ids from jsonb_array_elements(p_events) e;
  -- Probed id by id: a generic plan for "= any(array)" may scan the whole table.
  select count(*) into v_stored from unnest(v_ids) as i(id)
   where exists (select 1 from es_events x where x.event_id = i.id);
  if v_stored > 0 then
    if v_stored <> cardinality(v_ids) then
      raise exception 'append mixes stored and new event ids' using errcode = 'KH001';
    end if;
    return query
      select x.event_id, x.stream_name, x.stream_version, x.global_position, x.transaction_id::text,
             x.recorded_at, true
      from es_events x where x.event_id = any(v_ids) order by x.global_position;
    return;
  end if;

  for v_stream in
    select s->>'stream' as name, (s->>'expected')::bigint as expected from jsonb_array_elements(p_streams) s
  loop
    select st.version into v_current from es_streams st where st.stream_name = v_stream.name;
    v_current := coalesce(v_current, 0);
    if v_stream.expected <> -1 and v_stream.expected <> v_current then
      raise exception 'wrong expected version' using errcode = 'KH409',
        detail = json_build_object('stream', v_stream.name, 'expected', v_stream.expected, 'actual', v_current)::text;
    end if;
  end loop;

  return query
  with input as (
    select e, ord from jsonb_array_elements(p_events) with ordinality as t(e, ord)
  ), numbered as (
    select i.ord, (i.e->>'id')::uuid as id, i.e->>'stream' as stream, i.e->>'type' as type,
           i.e->'data' as data, i.e->'metadata' as metadata,
           coalesce((select st.version from es_streams st where st.stream_name = i.e->>'stream'), 0)
             + row_number() over (partition by i.e->>'stream' order by i.ord) as version
    from input i
  ), inserted as (
    insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata)
    select n.id, n.stream, n.version, n.type, n.data, n.metadata from numbered n order by n.ord
    returning es_events.event_id, es_events.stream_name, es_events.stream_version, es_events.global_position,
              es_events.transaction_id::text, es_events.recorded_at
  ), versions as (
    insert into es_streams (stream_name, version)
    select n.stream, max(n.version) from numbered n group by n.stream
    on conflict on constraint es_streams_pkey do update set version = excluded.version
  )
  select ins.event_id, ins.stream_name, ins.stream_version, ins.global_position, ins.transaction_id,
         ins.recorded_at, false
  from inserted ins order by ins.global_position;

end
$fn$;
`;


/**
 * Tamper evidence. Every event's hash covers its stored bytes (id, stream, version, type, data and
 * metadata as stored, recording time in UTC) and the previous hash of its stream; it is computed
 * inside the append, so writers serialise nothing twice. Changing any stored byte, or removing an
 * event, breaks the chain from that event on.
 */
const hashChain = `
alter table es_events add column hash bytea;
alter table es_streams add column last_hash bytea;

create function es_event_bytes(p_id uuid, p_stream text, p_version bigint, p_type text, p_data jsonb,
                               p_metadata jsonb, p_recorded_at timestamptz)
returns bytea language sql immutable as $fn$
  select convert_to(concat_ws(E'\\n', p_id::text, p_stream, p_version::text, p_type, p_data::text, p_metadata::text,
                              to_char(p_recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')
$fn$;

create or replace function es_append(p_streams jsonb, p_events jsonb)
returns table (
  event_id uuid, stream_name text, stream_version bigint, global_position bigint,
  transaction_id text, recorded_at timestamptz, already_appended boolean
)
language plpgsql as $fn$
#variable_conflict use_column
declare
  v_stream record;
  v_event record;
  v_current bigint;
  v_ids uuid[];
  v_stored int;
  v_heads jsonb := '{}';
  v_version bigint;
  v_previous bytea;
  v_hash bytea;
  v_at timestamptz := clock_timestamp();
  a_ids uuid[] := '{}';
  a_streams text[] := '{}';
  a_versions bigint[] := '{}';
  a_types text[] := '{}';
  a_data jsonb[] := '{}';
  a_metadata jsonb[] := '{}';
  a_hashes bytea[] := '{}';
begin
  for v_stream in
    select s->>'stream' as name from jsonb_array_elements(p_streams) s order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended(v_stream.name, 0));
  end loop;

  select array_agg((e->>'id')::uuid) into v_ids from jsonb_array_elements(p_events) e;
  -- Probed id by id: a generic plan for "= any(array)" may scan the whole table.
  select count(*) into v_stored from unnest(v_ids) as i(id)
   where exists (select 1 from es_events x where x.event_id = i.id);
  if v_stored > 0 then
    if v_stored <> cardinality(v_ids) then
      raise exception 'append mixes stored and new event ids' using errcode = 'KH001';
    end if;
    return query
      select x.event_id, x.stream_name, x.stream_version, x.global_position, x.transaction_id::text,
             x.recorded_at, true
      from es_events x where x.event_id = any(v_ids) order by x.global_position;
    return;
  end if;

  for v_stream in
    select s->>'stream' as name, (s->>'expected')::bigint as expected from jsonb_array_elements(p_streams) s
  loop
    select st.version, st.last_hash into v_current, v_previous from es_streams st where st.stream_name = v_stream.name;
    v_current := coalesce(v_current, 0);
    if v_stream.expected <> -1 and v_stream.expected <> v_current then
      raise exception 'wrong expected version' using errcode = 'KH409',
        detail = json_build_object('stream', v_stream.name, 'expected', v_stream.expected, 'actual', v_current)::text;
    end if;
    v_heads := v_heads || jsonb_build_object(v_stream.name,
      jsonb_build_object('version', v_current, 'hash', encode(coalesce(v_previous, ''::bytea), 'hex')));
  end loop;

  for v_event in
    select (e->>'id')::uuid as id, e->>'stream' as stream, e->>'type' as type, e->'data' as data,
           e->'metadata' as metadata
      from jsonb_array_elements(p_events) with ordinality as t(e, ord) order by ord
  loop
    if not v_heads ? v_event.stream then
      raise exception 'event names stream % that the append does not declare', v_event.stream using errcode = 'KH002';
    end if;
    v_version := (v_heads->v_event.stream->>'version')::bigint + 1;
    v_previous := decode(v_heads->v_event.stream->>'hash', 'hex');
    v_hash := sha256(v_previous || es_event_bytes(v_event.id, v_event.stream, v_version, v_event.type,
                                                  v_event.data, v_event.metadata, v_at));
    v_heads := v_heads || jsonb_build_object(v_event.stream,
      jsonb_build_object('version', v_version, 'hash', encode(v_hash, 'hex')));
    a_ids := a_ids || v_event.id;
    a_streams := a_streams || v_event.stream;
    a_versions := a_versions || v_version;
    a_types := a_types || v_event.type;
    a_data := a_data || v_event.data;
    a_metadata := a_metadata || v_event.metadata;
    a_hashes := a_hashes || v_hash;
  end loop;

  insert into es_streams (stream_name, version, last_hash)
  select h.key, (h.value->>'version')::bigint, decode(h.value->>'hash', 'hex')
    from jsonb_each(v_heads) h
   where (h.value->>'version')::bigint > 0
  on conflict on constraint es_streams_pkey
    do update set version = excluded.version, last_hash = excluded.last_hash;

  return query
  with inserted as (
    insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata, recorded_at, hash)
    select u.id, u.stream, u.version, u.type, u.data, u.metadata, v_at, u.hash
      from unnest(a_ids, a_streams, a_versions, a_types, a_data, a_metadata, a_hashes)
           with ordinality as u(id, stream, version, type, data, metadata, hash, ord)
     order by u.ord
    returning es_events.event_id, es_events.stream_name, es_events.stream_version, es_events.global_position,
              es_events.transaction_id::text, es_events.recorded_at
  )
  select ins.event_id, ins.stream_name, ins.stream_version, ins.global_position, ins.transaction_id,
         ins.recorded_at, false
  from inserted ins order by ins.global_position;
end
$fn$;
`;

/** Anchors: a digest over every stream head up to a global position, kept for safekeeping elsewhere. */
const anchors = `
create table es_anchors (
  anchor_id bigint generated always as identity primary key,
  up_to_position bigint not null,
  stream_count bigint not null,
  digest bytea not null,
  created_at timestamptz not null default now()
);
`;

/**
 * An anchor covers the events of every transaction older than the oldest one still in flight when
 * it was taken: that set never changes, whereas "up to a position" would move when a transaction
 * holding a lower position commits after the anchor.
 */
const settledAnchors = `
alter table es_anchors add column below_transaction xid8;
`;

/**
 * PL/pgSQL caches a generic plan per session after a few calls. A pooled connection that first
 * appended to a nearly empty log kept plans costed for an empty table (sequential scans), and every
 * append on it grew slower as the log grew: half the throughput within a few thousand commands.
 * Every lookup in es_append is by a unique key, so scans are ruled out and the cached plans stay
 * right at any size (forcing a fresh plan per call instead costs about half again the CPU).
 * A later `create or replace` of es_append resets this: keep it with the function.
 */
const appendPlans = `
alter function es_append(jsonb, jsonb) set enable_seqscan = off;
`;

export const eventStoreMigrations: Migration[] = [
  { id: 'eventstore/001-events', sql: createEvents },
  { id: 'eventstore/002-append-function', sql: createAppendFunction },
  { id: 'eventstore/003-hash-chain', sql: hashChain },
  { id: 'eventstore/004-anchors', sql: anchors },
  { id: 'eventstore/005-settled-anchors', sql: settledAnchors },
  { id: 'eventstore/006-append-plans', sql: appendPlans },
  appendBatchMigration,
  appendAfterLocksMigration,
  appendNotifiesMigration,
  appendNotifySenderMigration,
  advanceCheckpointMigration,
  appendNewHeadsMigration,
  readHorizonMigration,
  hashCoversPositionMigration,
  horizonPastCommitsMigration,
];
