import { isRole, type Role } from '@koppelhub/domain';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { generateApiKey, hashApiKey } from './api-key-secret';
import { ApiKeyNameTaken, ApiKeyNotFound } from './api-key.errors';

/** What is known of a key; never the key itself, which is shown once, when created. */
export interface ApiKey {
  id: string;
  name: string;
  roles: Role[];
  createdBy: string;
  createdAt: string;
  revokedAt?: string;
}

interface Row {
  id: string;
  name: string;
  roles: string[];
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const UNIQUE_VIOLATION = '23505';

/** Machine users: API keys stored by hash in `api_keys`. */
export class ApiKeyStore {
  constructor(private readonly pool: Pool) {}

  /** Creates a key and returns it with its secret, which is not kept and cannot be shown again. */
  async create(name: string, roles: readonly Role[], createdBy: string, key = generateApiKey()): Promise<{ apiKey: ApiKey; key: string }> {
    try {
      const { rows } = await this.pool.query<Row>(
        `insert into api_keys (id, name, key_hash, roles, created_by) values ($1, $2, $3, $4, $5) returning *`,
        [randomUUID(), name, hashApiKey(key), JSON.stringify([...new Set(roles)]), createdBy],
      );
      return { apiKey: toApiKey(rows[0]), key };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ApiKeyNameTaken(name);
      throw error;
    }
  }

  /** The active key a presented secret belongs to, if any. */
  async findByKey(key: string): Promise<ApiKey | undefined> {
    const { rows } = await this.pool.query<Row>('select * from api_keys where key_hash = $1 and revoked_at is null', [
      hashApiKey(key),
    ]);
    return rows[0] ? toApiKey(rows[0]) : undefined;
  }

  /** Whether a secret belonged to a key that was revoked: it can never be a key again. */
  async wasRevoked(key: string): Promise<boolean> {
    const { rows } = await this.pool.query('select 1 from api_keys where key_hash = $1 and revoked_at is not null', [hashApiKey(key)]);
    return rows.length > 0;
  }

  async findActiveByName(name: string): Promise<ApiKey | undefined> {
    const { rows } = await this.pool.query<Row>('select * from api_keys where name = $1 and revoked_at is null', [name]);
    return rows[0] ? toApiKey(rows[0]) : undefined;
  }

  /** A page of every key ever made, revoked ones too, oldest first. */
  async page(page: number, pageSize: number): Promise<{ items: ApiKey[]; total: number }> {
    const [{ rows }, { rows: count }] = await Promise.all([
      this.pool.query<Row>('select * from api_keys order by created_at, name limit $1 offset $2', [pageSize, (page - 1) * pageSize]),
      this.pool.query<{ total: string }>('select count(*) as total from api_keys'),
    ]);
    return { items: rows.map(toApiKey), total: Number(count[0]!.total) };
  }

  async revoke(id: string, revokedBy: string): Promise<ApiKey> {
    const { rows } = await this.pool.query<Row>(
      `update api_keys set revoked_at = now(), revoked_by = $2 where id::text = $1 and revoked_at is null returning *`,
      [id, revokedBy],
    );
    if (!rows[0]) throw new ApiKeyNotFound(id);
    return toApiKey(rows[0]);
  }

  /** Whether any key was ever created (revoked ones count: the first-start key is made only once). */
  async anyExists(): Promise<boolean> {
    const { rows } = await this.pool.query('select 1 from api_keys limit 1');
    return rows.length > 0;
  }
}

function toApiKey(row: Row): ApiKey {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles.filter(isRole),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at).toISOString() } : {}),
  };
}
