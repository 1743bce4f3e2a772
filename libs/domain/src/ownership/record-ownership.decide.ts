import { ClientNotFound } from '../client/client.errors';
import type { ClientState } from '../client/client.state';
import { ValidationFailed } from '../shared/domain-error';
import { isWholeHundredths } from '../shared/whole-hundredths';
import type { Ownership, OwnershipRecorded, OwnershipRemoved } from './ownership.events';
import {
  InvalidPercentage,
  OwnershipCycle,
  OwnershipExists,
  OwnershipNotFound,
  OwnershipOver100,
  PersonCannotBeOwned,
} from './ownership.errors';
import { type OwnershipStructure, ownershipPath, totalOwnedOf } from './ownership.state';

export interface RecordOwnership {
  type: 'RecordOwnership';
  data: { ownershipId: string; ownerId: string; ownedId: string; percent: number };
}

/**
 * 0 < p ≤ 100 with at most two decimals, at most 100 % of one client owned in total, no cycles,
 * only companies are owned.
 */
export function decideRecordOwnership(
  command: RecordOwnership,
  structure: OwnershipStructure,
  owner: ClientState,
  owned: ClientState,
): OwnershipRecorded[] {
  const { ownershipId, ownerId, ownedId, percent } = command.data;
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100) throw new InvalidPercentage(percent);
  // Checked here too, not only in the HTTP DTO: the 100 % cap is exact only in whole hundredths.
  if (!isWholeHundredths(percent)) {
    throw new ValidationFailed([{ field: 'percent', message: 'percent must be a number with at most 2 decimals' }]);
  }
  if (!owner.exists) throw new ClientNotFound(ownerId);
  if (!owned.exists) throw new ClientNotFound(ownedId);
  if (owned.kind !== 'company') throw new PersonCannotBeOwned(ownedId);
  // A repeated command (same derived id) finds its link already there and changes nothing.
  if (structure.links.some((l) => l.ownershipId === ownershipId)) return [];
  const existing = structure.links.find((l) => l.ownerId === ownerId && l.ownedId === ownedId);
  if (existing) throw new OwnershipExists(ownerId, ownedId, existing.ownershipId);
  const path = ownerId === ownedId ? [ownedId] : ownershipPath(structure.links, ownerId, ownedId);
  if (path) throw new OwnershipCycle(ownerId, ownedId, path);
  // Compared in whole hundredths (integers), so 33.33 + 66.67 is exactly 100 and 50.004 + 50.004 is not.
  const totalHundredths = structure.links.filter((l) => l.ownedId === ownedId).reduce((sum, l) => sum + hundredthsOf(l), 0);
  if (totalHundredths + Math.round(percent * 100) > 100_00) {
    throw new OwnershipOver100(ownedId, totalOwnedOf(structure.links, ownedId), percent);
  }
  return [{ type: 'OwnershipRecorded', data: { ownershipId, ownerId, ownedId, percent } }];
}


/** A share recorded before decimals were checked here may be finer than hundredths: it counts rounded up. */
const hundredthsOf = (link: Ownership): number =>
  isWholeHundredths(link.percent) ? Math.round(link.percent * 100) : Math.ceil(link.percent * 100);

export interface RemoveOwnership {
  type: 'RemoveOwnership';
  data: { ownershipId: string };
}

export function decideRemoveOwnership(command: RemoveOwnership, structure: OwnershipStructure): OwnershipRemoved[] {
  const link = structure.links.find((l) => l.ownershipId === command.data.ownershipId);
  if (!link) throw new OwnershipNotFound(command.data.ownershipId);
  return [{ type: 'OwnershipRemoved', data: link }];
}
