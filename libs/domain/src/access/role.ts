/**
 * The roles people and machines act in. The workflow of docs/domain.md names the first three; the
 * others are about reading (auditor), pushing (connector) and running the hub (admin).
 */
export const ROLES = [
  /** relatiebeheer: registers and edits clients, their structure and their dossier. */
  'relatiebeheer',
  /** klantgoedkeurder: approves or rejects acceptance requests addressed to them. */
  'klantgoedkeurder',
  /** centrale-administratie: sets Klant and ends relationships (Geen klant meer). */
  'centrale-administratie',
  /** Reads everything, changes nothing. */
  'auditor',
  /** A connector worker: its own endpoints only. */
  'connector',
  /** Manages API keys; passes every role check. */
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is deciding: the authenticated principal's id (recorded as the actor) and its roles. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

/** admin acts in every role; anyone else needs one of the roles asked for. */
export function actsAs(actor: Pick<Actor, 'roles'>, allowed: readonly Role[]): boolean {
  return actor.roles.includes('admin') || actor.roles.some((role) => allowed.includes(role));
}
