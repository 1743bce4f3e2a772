import type { Ownership } from '@koppelhub/domain';
import type { Pool } from 'pg';
import type { OwnershipRow } from './ownerships.projection';

export async function listOwnerships(pool: Pool): Promise<Ownership[]> {
  const { rows } = await pool.query<OwnershipRow>('select * from rm_ownerships order by owned_id, owner_id');
  return rows.map((row) => ({
    ownershipId: row.ownership_id,
    ownerId: row.owner_id,
    ownedId: row.owned_id,
    // numeric comes back from pg as a string, to keep its precision.
    percent: Number(row.percent),
  }));
}
