import type { Migration } from './migration';

/**
 * Appends a batch of independent appends in one transaction: concurrent commands share one round
 * trip, one plan execution and one commit. Each append still stands alone: it is checked against
 * the stream heads as the appends before it in the batch left them, and a refused append (version
 * conflict, mixed ids) is reported in its rows and writes nothing, without failing the others.
 *
 * Input: `[{ "streams": [{ "stream", "expected" }], "events": [{ "id", "stream", "type", "data",
 * "metadata" }] }]`, with `expected` -1 for any version and 0 for no stream. Output: one row per
 * event of an appended or already stored append (`outcome` 'appended' or 'stored'), and one row
 * per refused append with its reason: 'conflict' (detail: stream, expected, actual), 'mixed',
 * 'undeclared' (detail: the stream) or 'again' (its ids repeat an earlier append of this batch:
 * send it again on its own).
 *
 * Streams are locked with transaction advisory locks, all of them, in name order, before the first
 * write: an advisory lock assigns no transaction id, so the writer that gets a stream next also
 * gets a higher transaction id, and delivery order by transaction id keeps every stream in version
 * order. The hash of each event covers the same bytes as `es_event_bytes` (which the verifier
 * uses), computed inline. Every lookup is by a unique key, so scans and hash joins are ruled out:
 * the generic plans PL/pgSQL caches per session stay right at any size of the log, including plans
 * made while it was empty.
 */
const appendBatch = `
drop function es_append(jsonb, jsonb);

create function es_append_batch(p_batch jsonb)
returns table (
  append_index int, outcome text, detail text, event_id uuid, stream_name text, stream_version bigint,
  global_position bigint, transaction_id text, recorded_at timestamptz
)
language plpgsql
set enable_seqscan = off
set enable_hashjoin = off
set enable_mergejoin = off
set plan_cache_mode = force_generic_plan
as $fn$
#variable_conflict use_column
declare
  v_at timestamptz := clock_timestamp();
  v_at_text text := to_char(v_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US');
  v_names text[];
  v_versions bigint[];
  v_hashes bytea[];
  v_stored uuid[];
  v_seen uuid[] := '{}';
  v_outcomes text[] := '{}';
  v_details text[] := '{}';
  v_streams jsonb;
  v_events jsonb;
  v_item jsonb;
  v_id uuid;
  v_ids uuid[];
  v_count int;
  v_first int;
  v_repeated boolean;
  v_next_versions bigint[];
  v_next_hashes bytea[];
  v_known int;
  v_name text;
  v_expected bigint;
  v_version bigint;
  v_hash bytea;
  v_outcome text;
  v_detail text;
  j int;
  k int;
  a_index int[] := '{}';
  a_ids uuid[] := '{}';
  a_streams text[] := '{}';
  a_versions bigint[] := '{}';
  a_types text[] := '{}';
  a_data jsonb[] := '{}';
  a_metadata jsonb[] := '{}';
  a_hashes bytea[] := '{}';
begin
  select array_agg(distinct s->>'stream' order by s->>'stream') into v_names
    from jsonb_array_elements(p_batch) a, jsonb_array_elements(a->'streams') s;
  perform pg_advisory_xact_lock(hashtextextended(u.name, 0))
     from unnest(v_names) with ordinality u(name, ord) order by u.ord;

  select array_agg(coalesce(h.version, 0) order by u.ord), array_agg(coalesce(h.last_hash, ''::bytea) order by u.ord)
    into v_versions, v_hashes
    from unnest(v_names) with ordinality u(name, ord)
    left join lateral (select st.version, st.last_hash from es_streams st where st.stream_name = u.name) h on true;

  select coalesce(array_agg(x.event_id), '{}') into v_stored
    from jsonb_array_elements(p_batch) a, jsonb_array_elements(a->'events') e,
         lateral (select x.event_id from es_events x where x.event_id = (e->>'id')::uuid limit 1) x;

  -- The loop runs on plain expressions only (no statements), which PL/pgSQL evaluates cheaply.
  for i in 0 .. jsonb_array_length(p_batch) - 1 loop
    v_streams := p_batch->i->'streams';
    v_events := p_batch->i->'events';
    v_count := jsonb_array_length(v_events);
    v_ids := '{}';
    v_known := 0;
    v_repeated := false;
    for k in 0 .. v_count - 1 loop
      v_id := (v_events->k->>'id')::uuid;
      v_ids := v_ids || v_id;
      if v_id = any(v_stored) then v_known := v_known + 1; end if;
      if v_id = any(v_seen) then v_repeated := true; end if;
    end loop;
    v_outcome := case when v_known = v_count then 'stored' when v_known > 0 then 'mixed'
                      when v_repeated then 'again' else 'appended' end;
    v_detail := null;

    if v_outcome = 'appended' then
      for k in 0 .. jsonb_array_length(v_streams) - 1 loop
        v_item := v_streams->k;
        j := array_position(v_names, v_item->>'stream');
        v_expected := (v_item->>'expected')::bigint;
        if v_expected <> -1 and v_expected <> v_versions[j] then
          v_outcome := 'conflict';
          v_detail := json_build_object('stream', v_item->>'stream', 'expected', v_expected, 'actual', v_versions[j])::text;
          exit;
        end if;
      end loop;
    end if;

    if v_outcome = 'appended' then
      v_next_versions := v_versions;
      v_next_hashes := v_hashes;
      v_first := cardinality(a_ids);
      for k in 1 .. v_count loop
        v_item := v_events->(k - 1);
        v_name := v_item->>'stream';
        if not v_streams @> jsonb_build_array(jsonb_build_object('stream', v_name)) then
          v_outcome := 'undeclared';
          v_detail := v_name;
          exit;
        end if;
        j := array_position(v_names, v_name);
        v_version := v_next_versions[j] + 1;
        v_hash := sha256(v_next_hashes[j] || convert_to(concat_ws(E'\\n', v_ids[k]::text, v_name, v_version::text,
                         v_item->>'type', (v_item->'data')::text, (v_item->'metadata')::text, v_at_text), 'UTF8'));
        v_next_versions[j] := v_version;
        v_next_hashes[j] := v_hash;
        a_index := a_index || i;
        a_ids := a_ids || v_ids[k];
        a_streams := a_streams || v_name;
        a_versions := a_versions || v_version;
        a_types := a_types || (v_item->>'type');
        a_data := a_data || (v_item->'data');
        a_metadata := a_metadata || (v_item->'metadata');
        a_hashes := a_hashes || v_hash;
      end loop;
      if v_outcome = 'appended' then
        v_versions := v_next_versions;
        v_hashes := v_next_hashes;
        v_seen := v_seen || v_ids;
      else
        -- Take back this append's events: it stands alone and writes nothing.
        a_index := a_index[1 : v_first];
        a_ids := a_ids[1 : v_first];
        a_streams := a_streams[1 : v_first];
        a_versions := a_versions[1 : v_first];
        a_types := a_types[1 : v_first];
        a_data := a_data[1 : v_first];
        a_metadata := a_metadata[1 : v_first];
        a_hashes := a_hashes[1 : v_first];
      end if;
    end if;
    v_outcomes[i + 1] := v_outcome;
    v_details[i + 1] := v_detail;
  end loop;

  -- Kept small: every statement's plan is set up anew on each call, so the common case (everything
  -- appended) is one plain insert, and refused or stored appends are answered apart.
  if cardinality(a_ids) > 0 then
    return query
    with heads as (
      insert into es_streams (stream_name, version, last_hash)
      select u.name, u.version, u.hash from unnest(v_names, v_versions, v_hashes) u(name, version, hash)
       where u.name = any(a_streams)
      on conflict on constraint es_streams_pkey
        do update set version = excluded.version, last_hash = excluded.last_hash
    ), inserted as (
      insert into es_events (event_id, stream_name, stream_version, event_type, data, metadata, recorded_at, hash)
      select u.id, u.stream, u.version, u.type, u.data, u.metadata, v_at, u.hash
        from unnest(a_ids, a_streams, a_versions, a_types, a_data, a_metadata, a_hashes)
             with ordinality as u(id, stream, version, type, data, metadata, hash, ord)
       order by u.ord
      returning es_events.event_id, es_events.stream_name, es_events.stream_version, es_events.global_position,
                es_events.transaction_id::text, es_events.recorded_at
    )
    select a_index[array_position(a_ids, ins.event_id)], 'appended'::text, null::text, ins.event_id, ins.stream_name,
           ins.stream_version, ins.global_position, ins.transaction_id, ins.recorded_at
      from inserted ins;
  end if;

  if not (v_outcomes <@ array['appended']) then
    return query
    select (o.ord - 1)::int, o.outcome, v_details[o.ord], x.event_id, x.stream_name, x.stream_version,
           x.global_position, x.transaction_id::text, x.recorded_at
      from unnest(v_outcomes) with ordinality o(outcome, ord)
      left join lateral (
        select x.* from jsonb_array_elements(p_batch->(o.ord::int - 1)->'events') e,
               lateral (select * from es_events x where x.event_id = (e->>'id')::uuid limit 1) x
         where o.outcome = 'stored') x on true
     where o.outcome <> 'appended';
  end if;
end
$fn$;
`;

export const appendBatchMigration: Migration = { id: 'eventstore/007-append-batch', sql: appendBatch };
