import type { RowProjection } from '../runtime/row-projection';

export interface ClusterMembershipRow {
  client_id: string;
  head_id: string;
  role: 'head' | 'member';
}

/** Who is a head and who is a member of which head; the cluster view is a query over it. */
export const clusterMembershipProjection: RowProjection<ClusterMembershipRow> = {
  name: 'cluster-membership',
  table: 'rm_cluster_membership',
  key: 'client_id',
  columns: [
    { name: 'client_id', type: 'uuid' },
    { name: 'head_id', type: 'uuid' },
    { name: 'role', type: 'text' },
  ],
  eventTypes: ['ClusterHeadDesignated', 'ClusterHeadRevoked', 'JoinedCluster', 'LeftCluster'],
  keysOf: (event) =>
    clusterMembershipProjection.eventTypes.includes(event.type) ? [String(event.data.clientId)] : [],
  evolve(_row, event, key) {
    switch (event.type) {
      case 'ClusterHeadDesignated':
        return { client_id: key, head_id: key, role: 'head' };
      case 'JoinedCluster':
        return { client_id: key, head_id: String(event.data.headId), role: 'member' };
      case 'ClusterHeadRevoked':
      case 'LeftCluster':
        return null;
      default:
        return undefined;
    }
  },
};
