import type { Actor, Role } from '@koppelhub/domain';

/**
 * Who a request acts as. `id` is what every event records as its actor: an API key's principal
 * is `key:<name>`, a bearer token's is its `sub`; the prefix keeps the two apart.
 */
export interface Principal extends Actor {
  id: string;
  roles: readonly Role[];
  via: 'api-key' | 'jwt';
}

export const API_KEY_PRINCIPAL_PREFIX = 'key:';

export const apiKeyPrincipalId = (name: string): string => `${API_KEY_PRINCIPAL_PREFIX}${name}`;
