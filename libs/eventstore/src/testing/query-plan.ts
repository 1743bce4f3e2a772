/** Anything that runs a statement: a pool or one of its sessions. */
interface Queryable {
  query(sql: string): Promise<{ rows: unknown[] }>;
}

/** The plan PostgreSQL gives a statement, as EXPLAIN prints it; `options` as EXPLAIN takes them. */
export async function queryPlan(db: Queryable, statement: string, options = ''): Promise<string> {
  const { rows } = await db.query(`explain ${options} ${statement}`);
  return (rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']).join('\n');
}
