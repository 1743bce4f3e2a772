import type { Pool } from 'pg';
import type { ClientSearchRow } from './client-search.row';

export interface ClientSummary {
  id: string;
  clientNumber: string;
  kind: string;
  name: string;
  tradeName?: string;
  searchName: string;
  status: string;
  debtorNumber?: string;
  city?: string;
  packages: string[];
  /** Numbers it had before it was renumbered, the latest first; absent when none. */
  formerClientNumbers?: string[];
}

export interface ClientSearchQuery {
  q?: string;
  status?: string;
  kind?: string;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Client number (or, exactly, one it had before a renumbering), name, trade name or search name
 * matching a search text, on `rm_client_search`
 * under alias `s`, with the text as $1 and `searchTextParameters` giving $1 and $2.
 */
export const MATCHES_SEARCH_TEXT = `($1 = '' or s.client_number = $1 or s.client_number like $2 || '%' or s.former_numbers ? $1
  or s.name ilike '%' || $2 || '%' or coalesce(s.trade_name, '') ilike '%' || $2 || '%'
  or s.search_name ilike $2 || '%')`;

export const searchTextParameters = (q: string): [string, string] => [q, escapeLike(q)];

/** Finds clients by client number, name, trade name or search name; an exact number ranks first. */
export async function searchClients(pool: Pool, query: ClientSearchQuery): Promise<Page<ClientSummary>> {
  const q = query.q?.trim() ?? '';
  const { rows } = await pool.query<ClientSearchRow & { total: string }>(
    `select *, count(*) over () as total from rm_client_search s
      where ${MATCHES_SEARCH_TEXT}
        and ($3::text is null or status = $3)
        and ($4::text is null or kind = $4)
      order by (client_number = $1) desc, search_name, client_number
      limit $5 offset $6`,
    [...searchTextParameters(q), query.status ?? null, query.kind ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.map(toClientSummary),
    total: rows.length > 0 ? Number(rows[0].total) : await countMatches(pool, q, query),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function findClientSummaries(pool: Pool, ids: string[]): Promise<Map<string, ClientSummary>> {
  const { rows } = await pool.query<ClientSearchRow>(
    `select * from rm_client_search where client_id = any($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.client_id, toClientSummary(row)]));
}

async function countMatches(pool: Pool, q: string, query: ClientSearchQuery): Promise<number> {
  // Only reached for a page past the end: the window count above is then unavailable.
  if (query.page === 1) return 0;
  const { total } = await searchClients(pool, { ...query, q, page: 1, pageSize: 1 });
  return total;
}

export function toClientSummary(row: ClientSearchRow): ClientSummary {
  return {
    id: row.client_id,
    clientNumber: row.client_number,
    kind: row.kind,
    name: row.name,
    ...(row.trade_name ? { tradeName: row.trade_name } : {}),
    searchName: row.search_name,
    status: row.status,
    ...(row.debtor_number ? { debtorNumber: row.debtor_number } : {}),
    ...(row.city ? { city: row.city } : {}),
    packages: row.packages,
    ...(row.former_numbers?.length ? { formerClientNumbers: row.former_numbers } : {}),
  };
}
