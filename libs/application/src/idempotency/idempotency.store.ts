import type { Pool } from 'pg';

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** The first answer given to a request carrying an Idempotency-Key, per actor. */
export class IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async find(actor: string, key: string): Promise<StoredResponse | undefined> {
    const { rows } = await this.pool.query<StoredResponse>(
      'select fingerprint, status, body from idempotency_keys where actor = $1 and key = $2',
      [actor, key],
    );
    return rows[0];
  }

  /** Keeps the first answer when two identical requests race. */
  async save(actor: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `insert into idempotency_keys (actor, key, fingerprint, status, body) values ($1, $2, $3, $4, $5)
       on conflict (actor, key) do nothing`,
      [actor, key, response.fingerprint, response.status, JSON.stringify(response.body ?? null)],
    );
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
