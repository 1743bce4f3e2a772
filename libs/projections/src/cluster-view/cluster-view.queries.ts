import type { Pool } from 'pg';
import { type ClientSummary, findClientSummaries } from '../client-search/client-search.queries';

export interface ClusterClient extends ClientSummary {
  /** The client the view was asked for. */
  selected: boolean;
}

export interface ClusterView {
  head: ClusterClient;
  members: ClusterClient[];
  memberCount: number;
  selectedClientId: string;
}

/** The cluster a client is in (as head or member), with that client marked; undefined when in none. */
export async function findClusterView(pool: Pool, clientId: string): Promise<ClusterView | undefined> {
  const { rows: own } = await pool.query<{ head_id: string }>(
    'select head_id from rm_cluster_membership where client_id = $1',
    [clientId],
  );
  if (own.length === 0) return undefined;
  const headId = own[0].head_id;
  const { rows: members } = await pool.query<{ client_id: string }>(
    `select client_id from rm_cluster_membership where head_id = $1 and role = 'member'`,
    [headId],
  );
  const summaries = await findClientSummaries(pool, [headId, ...members.map((m) => m.client_id)]);
  const mark = (id: string): ClusterClient => ({ ...placeholder(id, summaries.get(id)), selected: id === clientId });
  const memberViews = members.map((m) => mark(m.client_id)).sort((a, b) => a.clientNumber.localeCompare(b.clientNumber));
  return { head: mark(headId), members: memberViews, memberCount: memberViews.length, selectedClientId: clientId };
}

export interface ClusterHeadSummary {
  head: ClientSummary;
  memberCount: number;
}

export async function listClusters(pool: Pool): Promise<ClusterHeadSummary[]> {
  const { rows } = await pool.query<{ head_id: string; members: string }>(
    `select head_id, count(*) filter (where role = 'member') as members
       from rm_cluster_membership group by head_id`,
  );
  const summaries = await findClientSummaries(pool, rows.map((r) => r.head_id));
  return rows
    .map((row) => ({ head: placeholder(row.head_id, summaries.get(row.head_id)), memberCount: Number(row.members) }))
    .sort((a, b) => a.head.clientNumber.localeCompare(b.head.clientNumber));
}

/** Both read models advance on their own; a client not yet in search still shows by id. */
function placeholder(id: string, summary: ClientSummary | undefined): ClientSummary {
  return summary ?? { id, clientNumber: '', kind: '', name: '', searchName: '', status: '', packages: [] };
}
