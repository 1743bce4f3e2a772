import type { OwnershipEvent } from '@koppelhub/domain';
import type { RowProjection } from '../runtime/row-projection';

export interface OwnershipRow {
  ownership_id: string;
  owner_id: string;
  owned_id: string;
  percent: number | string;
}

/** The Wwft ownership structure as rows: one per link. */
export const ownershipsProjection: RowProjection<OwnershipRow> = {
  name: 'ownerships',
  table: 'rm_ownerships',
  key: 'ownership_id',
  columns: [
    { name: 'ownership_id', type: 'uuid' },
    { name: 'owner_id', type: 'uuid' },
    { name: 'owned_id', type: 'uuid' },
    { name: 'percent', type: 'numeric' },
  ],
  eventTypes: ['OwnershipRecorded', 'OwnershipRemoved'],
  keysOf: (event) => (ownershipsProjection.eventTypes.includes(event.type) ? [String(event.data.ownershipId)] : []),
  evolve(_row, recorded) {
    const event = recorded as unknown as OwnershipEvent;
    switch (event.type) {
      case 'OwnershipRecorded': {
        const { ownershipId, ownerId, ownedId, percent } = event.data;
        return { ownership_id: ownershipId, owner_id: ownerId, owned_id: ownedId, percent };
      }
      case 'OwnershipRemoved':
        return null;
      default:
        return undefined;
    }
  },
};
