import type { Role } from '../access/role';
import type { ClientStatus } from '../client/client-status';

/**
 * The steps `POST /status` may take, and the role each step needs. `Afgewezen` is not among them:
 * only the named approver reaches it, by rejecting the request. A request for approval may be
 * withdrawn (back to Klantaanvraag, with a reason): else an approver who left, or lost the role,
 * would hold the client in Ter goedkeuring for good.
 */
export const STATUS_TRANSITIONS: Readonly<Record<ClientStatus, readonly ClientStatus[]>> = {
  Prospect: ['Klantaanvraag'],
  Klantaanvraag: ['Ter goedkeuring'],
  'Ter goedkeuring': ['Klant', 'Klantaanvraag'],
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
