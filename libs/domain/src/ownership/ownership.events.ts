import type { DomainEvent } from '../shared/domain-event';

/** Wwft structure: who owns how much of whom. One link per owner and owned client. */
export interface Ownership {
  ownershipId: string;
  ownerId: string;
  ownedId: string;
  /** 0 < percent ≤ 100 */
  percent: number;
}

/**
 * On the single `ownership-structure` stream: cycles and the 100 % sum are rules over the whole
 * graph, so every change appends there at the version it read and concurrent changes conflict.
 */
export type OwnershipRecorded = DomainEvent<'OwnershipRecorded', Ownership>;
export type OwnershipRemoved = DomainEvent<'OwnershipRemoved', Ownership>;
export type OwnershipEvent = OwnershipRecorded | OwnershipRemoved;

export const OWNERSHIP_EVENT_TYPES: ReadonlySet<string> = new Set<OwnershipEvent['type']>(['OwnershipRecorded', 'OwnershipRemoved']);
