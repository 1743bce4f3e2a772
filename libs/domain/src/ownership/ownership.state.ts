import type { Ownership, OwnershipEvent } from './ownership.events';

export interface OwnershipStructure {
  links: Ownership[];
}

export const emptyOwnershipStructure: OwnershipStructure = { links: [] };

export function evolveOwnership(state: OwnershipStructure, event: OwnershipEvent): OwnershipStructure {
  switch (event.type) {
    case 'OwnershipRecorded':
      return { links: [...state.links.filter((l) => l.ownershipId !== event.data.ownershipId), event.data] };
    case 'OwnershipRemoved':
      return { links: state.links.filter((l) => l.ownershipId !== event.data.ownershipId) };
    default: {
      const other: never = event;
      void other;
      return state;
    }
  }
}

export function foldOwnership(events: readonly { type: string; data: object }[]): OwnershipStructure {
  return events.reduce((state, event) => evolveOwnership(state, event as OwnershipEvent), emptyOwnershipStructure);
}

/** The chain of owners from `fromId` up to `toId` (fromId is owned by … by toId), if any. */
export function ownershipPath(links: readonly Ownership[], fromId: string, toId: string): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string): string[] | undefined => {
    if (id === toId) return [id];
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const link of links.filter((l) => l.ownedId === id)) {
      const rest = walk(link.ownerId);
      if (rest) return [id, ...rest];
    }
    return undefined;
  };
  return walk(fromId);
}

export const totalOwnedOf = (links: readonly Ownership[], ownedId: string): number =>
  links.filter((l) => l.ownedId === ownedId).reduce((sum, l) => sum + l.percent, 0);
