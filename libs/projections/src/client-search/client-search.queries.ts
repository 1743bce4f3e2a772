import type { Pool } from 'pg';

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

interface Row {
  client_id: string;
  client_number: string;
  kind: string;
  name: string;
  trade_name: string | null;
  search_name: string;
  status: string;
  debtor_number: string | null;
  city: string | null;
  packages: string[];
  total: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Finds clients by client number, name, trade name or search name; an exact number ranks first. */
export async function searchClients(pool: Pool, query: ClientSearchQuery): Promise<Page<ClientSummary>> {
  const q = query.q?.trim() ?? '';
  const { rows } = await pool.query<Row>(
    `select *, count(*) over () as total from rm_client_search
      where ($1 = '' or client_number = $1 or client_number like $2 || '%'
             or name ilike '%' || $2 || '%' or coalesce(trade_name, '') ilike '%' || $2 || '%'
             or search_name ilike $2 || '%')
        and ($3::text is null or status = $3)
        and ($4::text is null or kind = $4)
      order by (client_number = $1) desc, search_name, client_number
      limit $5 offset $6`,
    [q, escapeLike(q), query.status ?? null, query.kind ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.map(toSummary),
    total: rows.length > 0 ? Number(rows[0].total) : await countMatches(pool, q, query),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function findClientSummaries(pool: Pool, ids: string[]): Promise<Map<string, ClientSummary>> {
  const { rows } = await pool.query<Row>(
    `select *, 0 as total from rm_client_search where client_id = any($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.client_id, toSummary(row)]));
}

async function countMatches(pool: Pool, q: string, query: ClientSearchQuery): Promise<number> {
  // Only reached for a page past the end: the window count above is then unavailable.
  if (query.page === 1) return 0;
  const { total } = await searchClients(pool, { ...query, q, page: 1, pageSize: 1 });
  return total;
}

function toSummary(row: Row): ClientSummary {
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
  };
}
