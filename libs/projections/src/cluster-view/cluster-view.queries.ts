import type { Pool } from 'pg';
import type { ClientSearchRow } from '../client-search/client-search.row';
import {
  type ClientSummary,
  findClientSummaries,
  MATCHES_SEARCH_TEXT,
  type Page,
  searchTextParameters,
  toClientSummary,
} from '../client-search/client-search.queries';

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
  // By number, then by id: members not yet in client search all have an empty number.
  const memberViews = members
    .map((m) => mark(m.client_id))
    .sort((a, b) => a.clientNumber.localeCompare(b.clientNumber) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { head: mark(headId), members: memberViews, memberCount: memberViews.length, selectedClientId: clientId };
}

export interface ClusterHeadSummary {
  head: ClientSummary;
  memberCount: number;
}

export interface ClusterHeadSearch {
  /** The head's client number, name, trade name or search name; empty lists every head. */
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * The heads to choose from when attaching a member ("Kies clusterhoofd"), found by client number,
 * name or search name like clients are, an exact number first, then by client number. Without a
 * search text, a head not yet in the client search read model is listed by its id alone.
 */
export async function searchClusterHeads(pool: Pool, search: ClusterHeadSearch): Promise<Page<ClusterHeadSummary>> {
  const { rows } = await pool.query<{ total: string; head_id: string | null; members: string } & Partial<ClientSearchRow>>(
    `with heads as (
       select head_id, count(*) filter (where role = 'member') as members
         from rm_cluster_membership group by head_id
     ), found as (
       select h.head_id, h.members, s.*
         from heads h left join rm_client_search s on s.client_id = h.head_id
        where ${MATCHES_SEARCH_TEXT}
     )
     select c.total, f.* from (select count(*) as total from found) c
       left join lateral (
         select * from found
          order by client_number is not distinct from $1 desc, client_number nulls last, head_id
          limit $3 offset $4
       ) f on true`,
    [...searchTextParameters(search.q?.trim() ?? ''), search.pageSize, (search.page - 1) * search.pageSize],
  );
  const items = rows
    .filter((row) => row.head_id !== null)
    .map((row) => ({
      head: row.client_id ? toClientSummary(row as ClientSearchRow) : placeholder(row.head_id!, undefined),
      memberCount: Number(row.members),
    }));
  return { items, total: Number(rows[0]?.total ?? 0), page: search.page, pageSize: search.pageSize };
}

/** Both read models advance on their own; a client not yet in search still shows by id. */
function placeholder(id: string, summary: ClientSummary | undefined): ClientSummary {
  return summary ?? { id, clientNumber: '', kind: '', name: '', searchName: '', status: '', packages: [] };
}
