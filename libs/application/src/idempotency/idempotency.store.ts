import type { Pool } from 'pg';

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

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
    const { rows } = await this.pool.query<StoredResponse>(
      `select fingerprint, status, body from idempotency_keys
        where actor = $1 and key = $2 and created_at > now() - $3 * interval '1 hour'`,
      [actor, key, this.retentionHours],
    );
    return rows[0];
  }

  /** Keeps the first answer when two identical requests race; a key used again after expiry starts over. */
  async save(actor: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `insert into idempotency_keys (actor, key, fingerprint, status, body) values ($1, $2, $3, $4, $5)
       on conflict (actor, key) do update
         set fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body, created_at = now()
         where idempotency_keys.created_at <= now() - $6 * interval '1 hour'`,
      [actor, key, response.fingerprint, response.status, JSON.stringify(response.body ?? null), this.retentionHours],
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
