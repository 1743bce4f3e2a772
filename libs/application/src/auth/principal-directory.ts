import { isRole, type Role } from '@koppelhub/domain';
import type { Pool } from 'pg';
import type { ApiKeyStore } from './api-key.store';
import { API_KEY_PRINCIPAL_PREFIX, type Principal } from './principal';

/** How long a process trusts the roles it last wrote for a token user (also how often it notes the user seen). */
export const REMEMBERED_FOR_MS = 60_000;

/**
 * The principals the hub knows, with their roles: the active API keys, and the bearer-token users
 * seen so far (a token's roles are only known once it has been presented). Used to check that the
 * approver a request names really is a klantgoedkeurder.
 */
export class PrincipalDirectory {
  /**
   * Last roles written per token principal in this process, and when, to avoid a write per request.
   * Trusted for a while only: another process may have written other roles since (the same user
   * presenting a token issued with other roles there), which this one would otherwise never put
   * right while its own roles stayed the same.
   */
  private readonly remembered = new Map<string, { roles: string; at: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly apiKeys: ApiKeyStore,
    private readonly now: () => number = Date.now,
  ) {}

  async rolesOf(principalId: string): Promise<Role[] | undefined> {
    if (principalId.startsWith(API_KEY_PRINCIPAL_PREFIX)) {
      return (await this.apiKeys.findActiveByName(principalId.slice(API_KEY_PRINCIPAL_PREFIX.length)))?.roles;
    }
    const { rows } = await this.pool.query<{ roles: string[] }>('select roles from auth_principals where id = $1', [principalId]);
    return rows[0]?.roles.filter(isRole);
  }

  /** Records a bearer-token principal and its current roles. */
  async remember(principal: Principal): Promise<void> {
    if (principal.via !== 'jwt') return;
    const roles = JSON.stringify([...principal.roles].sort());
    const known = this.remembered.get(principal.id);
    if (known?.roles === roles && this.now() - known.at < REMEMBERED_FOR_MS) return;
    await this.pool.query(
      `insert into auth_principals (id, roles) values ($1, $2)
       on conflict (id) do update set roles = excluded.roles, last_seen_at = now()`,
      [principal.id, roles],
    );
    this.remembered.set(principal.id, { roles, at: this.now() });
  }
}
