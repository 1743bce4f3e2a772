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
}
