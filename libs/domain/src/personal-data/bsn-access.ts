import { type Actor, actsAs, type Role } from '../access/role';

/**
 * Who may see a BSN unmasked, on request and audited: relation management, which files the tax
 * returns and identifies clients (admin acts in every role). Approvers, central administration,
 * auditors and connectors see it masked; the connectors that need it read it inside the hub.
 */
export const BSN_REVEALERS: readonly Role[] = ['relatiebeheer'];

export const mayRevealBsn = (actor: Pick<Actor, 'roles'>): boolean => actsAs(actor, BSN_REVEALERS);
