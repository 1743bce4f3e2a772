/** klantstatus: user-facing values keep their Dutch spelling. */
export const CLIENT_STATUSES = [
  'Prospect',
  'Klantaanvraag',
  'Ter goedkeuring',
  'Klant',
  'Afgewezen',
  'Geen klant meer',
] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** A client enters the hub only as a prospect or a request; `Klant` is reached through acceptance. */
export const START_STATUSES = ['Prospect', 'Klantaanvraag'] as const satisfies readonly ClientStatus[];
export type StartStatus = (typeof START_STATUSES)[number];

/** The statuses in which the external packages hold a client: from its first Klant on (docs/domain.md, koppelingen). */
const HELD_BY_PACKAGES: ReadonlySet<ClientStatus> = new Set(['Klant', 'Geen klant meer']);

export const isHeldByPackages = (status: ClientStatus): boolean => HELD_BY_PACKAGES.has(status);
