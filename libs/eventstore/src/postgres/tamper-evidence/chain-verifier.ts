import type { Pool, PoolClient } from 'pg';
import { HASH_COVERS_POSITION } from '../migrations/hash-covers-position.migration';

export interface BrokenEvent {
  position: number;
  stream: string;
  version: number;
  /**
   * `missing-hash`: stored without a hash (every append hashes its events, so it was written past
   * the append function); `beyond-stream-head`: past its stream's recorded version, or in a stream
   * that has none.
   */
  reason: 'hash-mismatch' | 'version-gap' | 'stream-head-mismatch' | 'missing-hash' | 'beyond-stream-head';
}

export interface ChainReport {
  ok: boolean;
  checkedEvents: number;
  /** The first broken event by global position, exactly. */
  firstBroken?: BrokenEvent;
}

export interface Anchor {
  anchorId: number;
  /** The last position the anchor covers (informational: membership is by transaction). */
  upToPosition: number;
  /** Covers the events of every transaction below this id: all settled when the anchor was taken. */
  belowTransaction?: string;
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

/**
 * The digest of every stream head (stream, version, hash) over the settled events: those of
 * transactions below `$2` (an anchor's `below_transaction`), or, for anchors taken before that was
 * recorded, at or below the position `$1`. An event without a hash counts too (with a marker no
 * hash can equal): skipping it would let an event inserted in SQL leave every digest unchanged.
 */
const HEADS_DIGEST = `
  select count(*) as stream_count,
         coalesce(max(last_position), 0) as up_to_position,
         sha256(convert_to(coalesce(string_agg(
                  stream_name || ':' || stream_version || ':' || coalesce(encode(hash, 'hex'), 'unhashed'),
                  E'\\n' order by stream_name), ''), 'UTF8')) as digest
    from (select distinct on (stream_name) stream_name, stream_version, hash, global_position as last_position
            from es_events
           where (case when $2::xid8 is null then global_position <= $1::bigint else transaction_id < $2::xid8 end)
           order by stream_name, stream_version desc) heads`;

const ANCHOR_LOCK = 7_340_002;

/**
 * Checks the per-stream hash chains and the anchors. The chain check is one set-based pass: each
 * event's hash is recomputed from its stored bytes (with its position and transaction id, for events
 * hashed since those were covered) and its predecessor's stored hash, so a changed byte, or an event
 * moved in the log's order, shows at that event, a removed event as a version gap, a removed last
 * event at the stream head.
 * Every event is checked, those without a hash included, and each must lie within its stream's
 * recorded head: an event inserted in SQL is caught whether or not it carries a hash.
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
               -- Each event by the formula it was hashed with (migration 014): since then, the hash also
               -- covers where the event stands in the log.
               case when hash_version = ${HASH_COVERS_POSITION}
                    then es_event_bytes(event_id, stream_name, stream_version, event_type, data, metadata, recorded_at,
                                        global_position, transaction_id)
                    else es_event_bytes(event_id, stream_name, stream_version, event_type, data, metadata, recorded_at)
               end as bytes
          from es_events
        window w as (partition by stream_name order by stream_version)
      ), broken as (
        select c.global_position, c.stream_name, c.stream_version, 0 as precedence,
               case
                 when c.hash is null then 'missing-hash'
                 when c.stream_version <> coalesce(c.previous_version, 0) + 1 then 'version-gap'
                 when c.hash is distinct from sha256(coalesce(c.previous_hash, ''::bytea) || c.bytes) then 'hash-mismatch'
                 when s.version is null or c.stream_version > s.version then 'beyond-stream-head'
               end as reason
          from chained c
          left join es_streams s on s.stream_name = c.stream_name
        union all
        -- A head without an event or a hash is broken too, not skipped.
        select e.global_position, s.stream_name, s.version, 1, 'stream-head-mismatch'
          from es_streams s
          left join es_events e on e.stream_name = s.stream_name and e.stream_version = s.version
         where e.hash is null or e.hash is distinct from s.last_hash
      ), first_broken as (
        -- At one position, the event's own fault names it before the head check does.
        select * from broken where reason is not null order by global_position nulls last, precedence limit 1
      )
      select (select count(*) from es_events) as checked,
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

  /**
   * Records an anchor over every settled event (see HEADS_DIGEST). With `onlyIfMoved`, nothing is
   * recorded when no event settled since the last anchor, so a periodic schedule adds no noise.
   */
  anchor(): Promise<Anchor>;
  anchor(options: { onlyIfMoved: boolean }): Promise<Anchor | undefined>;
  async anchor(options: { onlyIfMoved?: boolean } = {}): Promise<Anchor | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // One anchor at a time across processes: two would only repeat each other.
      await client.query('select pg_advisory_xact_lock($1)', [ANCHOR_LOCK]);
      const { rows: settled } = await client.query<{ below: string }>(
        'select es_read_horizon(pg_current_snapshot())::text as below',
      );
      const below = settled[0].below;
      if (options.onlyIfMoved && !(await this.settledSinceLastAnchor(client, below))) {
        await client.query('commit');
        return undefined;
      }
      const { rows } = await client.query<AnchorRow>(
        `with digest as (${HEADS_DIGEST})
         insert into es_anchors (up_to_position, stream_count, digest, below_transaction)
         select up_to_position, stream_count, digest, $2::xid8 from digest
         returning *`,
        [null, below],
      );
      await client.query('commit');
      return toAnchor(rows[0]);
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async settledSinceLastAnchor(client: PoolClient, below: string): Promise<boolean> {
    // An anchor taken before below_transaction was recorded counts as covering nothing.
    const { rows } = await client.query<{ moved: boolean }>(
      `select exists (
         select 1 from es_events
          where transaction_id < $1::xid8
            and transaction_id >= coalesce((select below_transaction from es_anchors order by anchor_id desc limit 1), '0'::xid8)
       ) as moved`,
      [below],
    );
    return rows[0].moved;
  }

  async anchors(): Promise<Anchor[]> {
    const { rows } = await this.pool.query('select * from es_anchors order by anchor_id');
    return rows.map(toAnchor);
  }

  /** One page of the anchors, oldest first, with how many there are (they accrue with every move of the log). */
  async anchorPage(page: number, pageSize: number): Promise<{ items: Anchor[]; total: number }> {
    const [{ rows }, { rows: count }] = await Promise.all([
      this.pool.query('select * from es_anchors order by anchor_id limit $1 offset $2', [pageSize, (page - 1) * pageSize]),
      this.pool.query<{ total: string }>('select count(*) as total from es_anchors'),
    ]);
    return { items: rows.map(toAnchor), total: Number(count[0]!.total) };
  }

  /** Recomputes every anchor's digest from the events as stored now. */
  async verifyAnchors(): Promise<AnchorReport[]> {
    const reports: AnchorReport[] = [];
    for (const anchor of await this.anchors()) {
      const { rows } = await this.pool.query<{ digest: Buffer }>(HEADS_DIGEST, [anchor.upToPosition, anchor.belowTransaction ?? null]);
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

interface AnchorRow {
  anchor_id: string;
  up_to_position: string;
  stream_count: string;
  digest: Buffer;
  created_at: Date;
  below_transaction: string | null;
}

function toAnchor(row: AnchorRow): Anchor {
  return {
    anchorId: Number(row.anchor_id),
    upToPosition: Number(row.up_to_position),
    ...(row.below_transaction ? { belowTransaction: row.below_transaction } : {}),
    streamCount: Number(row.stream_count),
    digest: row.digest.toString('hex'),
    createdAt: row.created_at,
  };
}
