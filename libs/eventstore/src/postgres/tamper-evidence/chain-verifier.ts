import type { Pool } from 'pg';

export interface BrokenEvent {
  position: number;
  stream: string;
  version: number;
  reason: 'hash-mismatch' | 'version-gap' | 'stream-head-mismatch';
}

export interface ChainReport {
  ok: boolean;
  checkedEvents: number;
  /** The first broken event by global position, exactly. */
  firstBroken?: BrokenEvent;
}

export interface Anchor {
  anchorId: number;
  upToPosition: number;
  streamCount: number;
  digest: string;
  createdAt: Date;
}

export interface AnchorReport {
  anchorId: number;
  upToPosition: number;
  ok: boolean;
  expected: string;
  actual: string;
}

/** The digest of every stream head (stream, version, hash) at or below a position, in stream order. */
const HEADS_DIGEST = `
  select count(*) as stream_count,
         sha256(convert_to(coalesce(string_agg(stream_name || ':' || stream_version || ':' || encode(hash, 'hex'),
                                               E'\\n' order by stream_name), ''), 'UTF8')) as digest
    from (select distinct on (stream_name) stream_name, stream_version, hash
            from es_events where global_position <= $1 and hash is not null
           order by stream_name, stream_version desc) heads`;

/**
 * Checks the per-stream hash chains and the anchors. The chain check is one set-based pass: each
 * event's hash is recomputed from its stored bytes and its predecessor's stored hash, so a changed
 * byte shows at that event, a removed event as a version gap, a removed last event at the stream head.
 */
export class ChainVerifier {
  constructor(private readonly pool: Pool) {}

  async verify(): Promise<ChainReport> {
    const { rows } = await this.pool.query<{
      checked: string;
      position: string | null;
      stream: string | null;
      version: string | null;
      reason: BrokenEvent['reason'] | null;
    }>(`
      with chained as (
        select global_position, stream_name, stream_version, hash,
               lag(stream_version) over w as previous_version,
               lag(hash) over w as previous_hash,
               es_event_bytes(event_id, stream_name, stream_version, event_type, data, metadata, recorded_at) as bytes
          from es_events
         where hash is not null
        window w as (partition by stream_name order by stream_version)
      ), broken as (
        select global_position, stream_name, stream_version,
               case
                 when stream_version <> coalesce(previous_version, 0) + 1 then 'version-gap'
                 when hash is distinct from sha256(coalesce(previous_hash, ''::bytea) || bytes) then 'hash-mismatch'
               end as reason
          from chained
        union all
        select e.global_position, s.stream_name, s.version, 'stream-head-mismatch'
          from es_streams s
          left join es_events e on e.stream_name = s.stream_name and e.stream_version = s.version
         where s.last_hash is not null and (e.hash is distinct from s.last_hash)
      ), first_broken as (
        select * from broken where reason is not null order by global_position nulls last limit 1
      )
      select (select count(*) from es_events where hash is not null) as checked,
             f.global_position as position, f.stream_name as stream, f.stream_version as version, f.reason
        from (select 1) one left join first_broken f on true`);
    const row = rows[0];
    const checkedEvents = Number(row.checked);
    if (!row.reason) return { ok: true, checkedEvents };
    return {
      ok: false,
      checkedEvents,
      firstBroken: {
        position: Number(row.position ?? -1),
        stream: row.stream ?? '',
        version: Number(row.version),
        reason: row.reason,
      },
    };
  }

  /** Records an anchor over the log as it stands now. */
  async anchor(): Promise<Anchor> {
    const { rows } = await this.pool.query<{
      anchor_id: string;
      up_to_position: string;
      stream_count: string;
      digest: Buffer;
      created_at: Date;
    }>(
      `with head as (select coalesce(max(global_position), 0) as position from es_events),
            digest as (${HEADS_DIGEST.replace('$1', '(select position from head)')})
       insert into es_anchors (up_to_position, stream_count, digest)
       select (select position from head), stream_count, digest from digest
       returning *`,
    );
    return toAnchor(rows[0]);
  }

  async anchors(): Promise<Anchor[]> {
    const { rows } = await this.pool.query('select * from es_anchors order by anchor_id');
    return rows.map(toAnchor);
  }

  /** Recomputes every anchor's digest from the events as stored now. */
  async verifyAnchors(): Promise<AnchorReport[]> {
    const reports: AnchorReport[] = [];
    for (const anchor of await this.anchors()) {
      const { rows } = await this.pool.query<{ digest: Buffer }>(HEADS_DIGEST, [anchor.upToPosition]);
      const actual = rows[0].digest.toString('hex');
      reports.push({
        anchorId: anchor.anchorId,
        upToPosition: anchor.upToPosition,
        ok: actual === anchor.digest,
        expected: anchor.digest,
        actual,
      });
    }
    return reports;
  }
}

function toAnchor(row: {
  anchor_id: string;
  up_to_position: string;
  stream_count: string;
  digest: Buffer;
  created_at: Date;
}): Anchor {
  return {
    anchorId: Number(row.anchor_id),
    upToPosition: Number(row.up_to_position),
    streamCount: Number(row.stream_count),
    digest: row.digest.toString('hex'),
    createdAt: row.created_at,
  };
}
