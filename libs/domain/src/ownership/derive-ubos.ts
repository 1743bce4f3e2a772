import type { Ownership } from './ownership.events';

/** UBO: a natural person holding more than 25 %, directly or through companies. */
export const UBO_THRESHOLD_PERCENT = 25;

export interface DerivedUbo {
  personId: string;
  /** Effective share: percentages multiplied along each chain, added over chains. */
  percent: number;
  indirect: boolean;
  /** pseudo-UBO: no one holds more than 25 %, so the directors are named instead. */
  pseudo: boolean;
}

export interface Director {
  personId: string;
}

/**
 * The UBOs of a client from the ownership links. `isPerson` tells natural persons from companies;
 * when no person passes the threshold, the directors (contacts with a director role linked to a
 * person client) are the pseudo-UBOs.
 */
export function deriveUbos(
  clientId: string,
  links: readonly Ownership[],
  isPerson: (clientId: string) => boolean,
  directors: readonly Director[] = [],
): DerivedUbo[] {
  const shares = new Map<string, { fraction: number; indirect: boolean }>();
  const walk = (ownedId: string, fraction: number, depth: number, path: ReadonlySet<string>) => {
    for (const link of links.filter((l) => l.ownedId === ownedId)) {
      if (path.has(link.ownerId)) continue; // the structure has no cycles; this only guards a stale read model
      const share = (fraction * link.percent) / 100;
      if (isPerson(link.ownerId)) {
        const current = shares.get(link.ownerId) ?? { fraction: 0, indirect: false };
        shares.set(link.ownerId, { fraction: current.fraction + share, indirect: current.indirect || depth > 0 });
      } else {
        walk(link.ownerId, share, depth + 1, new Set([...path, link.ownerId]));
      }
    }
  };
  walk(clientId, 1, 0, new Set([clientId]));

  const ubos = [...shares]
    .map(([personId, { fraction, indirect }]) => ({ personId, percent: round(fraction * 100), indirect, pseudo: false }))
    .filter((ubo) => ubo.percent > UBO_THRESHOLD_PERCENT)
    .sort((a, b) => b.percent - a.percent || a.personId.localeCompare(b.personId));
  if (ubos.length > 0) return ubos;
  const uniqueDirectors = [...new Set(directors.map((d) => d.personId))].sort();
  return uniqueDirectors.map((personId) => ({ personId, percent: round((shares.get(personId)?.fraction ?? 0) * 100), indirect: false, pseudo: true }));
}

const DIRECTOR_ROLE = /directeur|director|bestuurder|dga/i;

/** Whether a contact's role makes it a director for the pseudo-UBO rule. */
export const isDirectorRole = (role: string | undefined): boolean => role !== undefined && DIRECTOR_ROLE.test(role);

const round = (value: number): number => Math.round(value * 10_000) / 10_000;
