import type { Pool } from 'pg';

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  /** The `X-Event-Position` of the answer, for read-your-writes after a replay; absent when it had none. */
  eventPosition?: number;
}

/** What a key holds when a request claims it: nothing (claimed), a request still running, or its answer. */
export type KeyClaim =
  | { claimed: true }
  | { claimed: false; inProgress: true; fingerprint: string }
  | { claimed: false; inProgress: false; answer: StoredResponse };

/** `status` of a key claimed by a request that has not answered yet. */
const IN_PROGRESS = 0;
/**
 * A claim older than this was left by a process that stopped mid-request: a retry may take it
 * over. Longer than any request runs.
 */
const ABANDONED_AFTER_SECONDS = 120;

/**
 * The first answer given to a request carrying an Idempotency-Key, per actor, for `retentionHours`.
 * A key protects against retries, which come within minutes; its stored answer is a card with
 * personal data, so it is not kept for longer: an expired key counts as never seen, and
 * `purgeExpired` deletes its answer.
 */
export class IdempotencyStore {
  constructor(
    private readonly pool: Pool,
    private readonly retentionHours: number,
  ) {}

  async find(actor: string, key: string): Promise<StoredResponse | undefined> {
    const { rows } = await this.pool.query<Omit<StoredResponse, 'eventPosition'> & { event_position: string | number | null }>(
      `select fingerprint, status, body, event_position from idempotency_keys
        where actor = $1 and key = $2 and created_at > now() - $3 * interval '1 hour'`,
      [actor, key, this.retentionHours],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { event_position: position, ...answer } = row;
    // bigint comes back as text from node-postgres; positions stay far below 2^53.
    return position === null ? answer : { ...answer, eventPosition: Number(position) };
  }

  /**
   * Claims the key for a request before it runs, so that a second request with the same key, while
   * the first still runs, is told so instead of running on the first one's state. A key past the
   * window, or a claim abandoned by a process that stopped, is taken over.
   */
  async claim(actor: string, key: string, fingerprint: string): Promise<KeyClaim> {
    for (;;) {
      const { rows: claimed } = await this.pool.query(
        `insert into idempotency_keys (actor, key, fingerprint, status, body) values ($1, $2, $3, ${IN_PROGRESS}, null)
         on conflict (actor, key) do update
           set fingerprint = excluded.fingerprint, status = ${IN_PROGRESS}, body = null, created_at = now()
           where idempotency_keys.created_at <= now() - $4 * interval '1 hour'
              or (idempotency_keys.status = ${IN_PROGRESS} and idempotency_keys.created_at <= now() - $5 * interval '1 second')
         returning 1`,
        [actor, key, fingerprint, this.retentionHours, ABANDONED_AFTER_SECONDS],
      );
      if (claimed.length > 0) return { claimed: true };
      const held = await this.find(actor, key);
      // Released between the two statements (its request failed): try to claim it again.
      if (!held) continue;
      return held.status === IN_PROGRESS
        ? { claimed: false, inProgress: true, fingerprint: held.fingerprint }
        : { claimed: false, inProgress: false, answer: held };
    }
  }

  /** Gives up a claim whose request has no answer worth repeating (a server failure, a conflict to retry). */
  async release(actor: string, key: string): Promise<void> {
    await this.pool.query(`delete from idempotency_keys where actor = $1 and key = $2 and status = ${IN_PROGRESS}`, [actor, key]);
  }

  /**
   * Records the answer of a request: over its own claim, or as the first answer for the key.
   * A key used again after expiry starts over.
   */
  async save(actor: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `insert into idempotency_keys (actor, key, fingerprint, status, body, event_position) values ($1, $2, $3, $4, $5, $7)
       on conflict (actor, key) do update
         set fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body,
             event_position = excluded.event_position, created_at = now()
         where idempotency_keys.created_at <= now() - $6 * interval '1 hour'
            or (idempotency_keys.status = ${IN_PROGRESS} and idempotency_keys.fingerprint = excluded.fingerprint)`,
      [
        actor,
        key,
        response.fingerprint,
        response.status,
        JSON.stringify(response.body ?? null),
        this.retentionHours,
        response.eventPosition ?? null,
      ],
    );
  }

  /** Deletes the answers past the retention window; returns how many. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from idempotency_keys where created_at <= now() - $1 * interval '1 hour'`,
      [this.retentionHours],
    );
    return rowCount ?? 0;
  }

  /**
   * Forgets the stored answers that mention any of these ids (a client or contact card answered to a
   * command): after erasure they would be the last readable copy of that person's data.
   */
  async forgetAnswersMentioning(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rowCount } = await this.pool.query('delete from idempotency_keys where body::text like any($1::text[])', [
      ids.map((id) => `%${id.replace(/[\\%_]/g, '')}%`),
    ]);
    return rowCount ?? 0;
  }
}
