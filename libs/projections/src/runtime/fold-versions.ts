import type { Pool, PoolClient } from 'pg';

/**
 * The version of the fold each read model's rows were made by (`RowProjection.version`). A read
 * model that holds rows of an older fold is rebuilt: a new column or a corrected fold only shows
 * in rows folded since, and those made before would stay as they were for good.
 */
export class FoldVersions {
  constructor(private readonly pool: Pool) {}

  /** The version recorded for a read model; undefined when none was (see `ProjectionRunner.foldIsStale`). */
  async load(projection: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ version: number }>('select version from rm_fold_versions where projection = $1', [projection]);
    return rows[0]?.version;
  }

  /** Records the version the rows now stand at; in the transaction that made them, where there is one. */
  async record(client: Pool | PoolClient, projection: string, version: number): Promise<void> {
    await client.query(
      `insert into rm_fold_versions (projection, version) values ($1, $2)
       on conflict (projection) do update set version = excluded.version`,
      [projection, version],
    );
  }
}
