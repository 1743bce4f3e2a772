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
  // Index once: following every chain separately is exponential (a ladder of companies each owning
  // half of both companies below it has 2^levels chains), so each company's share is summed first
  // and only then passed on to its owners.
  const ownersOf = new Map<string, Ownership[]>();
  for (const link of links) {
    const owners = ownersOf.get(link.ownedId);
    if (owners) owners.push(link);
    else ownersOf.set(link.ownedId, [link]);
  }
  const persons = new Map<string, boolean>();
  const personOwns = (link: Ownership): boolean => {
    const known = persons.get(link.ownerId);
    if (known !== undefined) return known;
    const person = isPerson(link.ownerId);
    persons.set(link.ownerId, person);
    return person;
  };

  // Depth-first upward from the client (iterative: a long chain must not exhaust the stack). The
  // post-order, reversed, puts every company before its owners. A link to a company still open on
  // the stack would close a cycle: the structure has none, this only guards a stale read model.
  const open = new Set<string>([clientId]);
  const done = new Set<string>();
  const kept = new Map<string, Ownership[]>();
  const postOrder: string[] = [];
  const stack: { id: string; owners: readonly Ownership[]; next: number }[] = [
    { id: clientId, owners: ownersOf.get(clientId) ?? [], next: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next === top.owners.length) {
      stack.pop();
      open.delete(top.id);
      done.add(top.id);
      postOrder.push(top.id);
      continue;
    }
    const link = top.owners[top.next++];
    if (open.has(link.ownerId)) continue;
    const keptOwners = kept.get(top.id);
    if (keptOwners) keptOwners.push(link);
    else kept.set(top.id, [link]);
    if (personOwns(link) || done.has(link.ownerId)) continue;
    open.add(link.ownerId);
    stack.push({ id: link.ownerId, owners: ownersOf.get(link.ownerId) ?? [], next: 0 });
  }

  // The fraction of the client each company holds, complete before it is passed on to its owners.
  const fractions = new Map<string, number>([[clientId, 1]]);
  const shares = new Map<string, { fraction: number; indirect: boolean }>();
  for (const ownedId of postOrder.reverse()) {
    const fraction = fractions.get(ownedId) ?? 0;
    for (const link of kept.get(ownedId) ?? []) {
      const share = (fraction * link.percent) / 100;
      if (personOwns(link)) {
        const current = shares.get(link.ownerId) ?? { fraction: 0, indirect: false };
        shares.set(link.ownerId, { fraction: current.fraction + share, indirect: current.indirect || ownedId !== clientId });
      } else {
        fractions.set(link.ownerId, (fractions.get(link.ownerId) ?? 0) + share);
      }
    }
  }

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
