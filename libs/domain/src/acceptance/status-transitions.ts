import type { Role } from '../access/role';
import type { ClientStatus } from '../client/client-status';

/**
 * The steps `POST /status` may take, and the role each step needs. `Afgewezen` is not among them:
 * only the named approver reaches it, by rejecting the request.
 */
export const STATUS_TRANSITIONS: Readonly<Record<ClientStatus, readonly ClientStatus[]>> = {
  Prospect: ['Klantaanvraag'],
  Klantaanvraag: ['Ter goedkeuring'],
  'Ter goedkeuring': ['Klant'],
  Klant: ['Geen klant meer'],
  Afgewezen: [],
  'Geen klant meer': [],
};

/** Relation management requests; central administration sets Klant and ends (docs/domain.md, roles). */
export const ROLE_FOR_STATUS: Readonly<Partial<Record<ClientStatus, Role>>> = {
  Klantaanvraag: 'relatiebeheer',
  'Ter goedkeuring': 'relatiebeheer',
  Klant: 'centrale-administratie',
  'Geen klant meer': 'centrale-administratie',
};
