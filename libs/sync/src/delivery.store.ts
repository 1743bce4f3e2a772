import type { PackageName } from '@koppelhub/domain';
import type { Pool, PoolClient } from 'pg';

export interface Delivery {
  clientId: string;
  package: PackageName;
  desiredHash: string;
  desiredPosition: number;
  pushedHash?: string;
  externalId?: string;
  /** The package's key for the client at the last push, where it can change (Twinfield: the debtor code; Nextens: a company's RSIN key). */
  externalKey?: string;
  /**
   * Keys pushes were sent under since, whose answer was never recorded: the package may hold the
   * client under them too (see PackageConnector.keyOf). Absent when there are none.
   */
  unconfirmedKeys?: string[];
  /** `skipped`: by the time its job ran, the client was no longer to be pushed there (`message` says why). */
  status: 'pending' | 'pushed' | 'failed' | 'skipped';
  message?: string;
  /** Failed because the package refused it (not because retries ran out). */
  refused?: true;
  /** The queue job carrying the current wish, where the dispatcher named one (see PushJob). */
  jobId?: string;
  attempts: number;
  updatedAt: Date;
}

interface Row {
  client_id: string;
  package: PackageName;
  desired_hash: string;
  desired_position: string;
  pushed_hash: string | null;
  external_id: string | null;
  external_key: string | null;
  unconfirmed_keys: string[];
  status: Delivery['status'];
  message: string | null;
  refused: boolean;
  job_id: string | null;
  attempts: number;
  updated_at: Date;
}

const toDelivery = (row: Row): Delivery => ({
  clientId: row.client_id,
  package: row.package,
  desiredHash: row.desired_hash,
  desiredPosition: Number(row.desired_position),
  ...(row.pushed_hash ? { pushedHash: row.pushed_hash } : {}),
  ...(row.external_id ? { externalId: row.external_id } : {}),
  ...(row.external_key ? { externalKey: row.external_key } : {}),
  ...(row.unconfirmed_keys.length > 0 ? { unconfirmedKeys: row.unconfirmed_keys } : {}),
  status: row.status,
  ...(row.message ? { message: row.message } : {}),
  ...(row.refused && row.status === 'failed' ? { refused: true as const } : {}),
  ...(row.job_id ? { jobId: row.job_id } : {}),
  attempts: row.attempts,
  updatedAt: row.updated_at,
});

export const deliveryKey = (clientId: string, pkg: PackageName): string => `${clientId}/${pkg}`;

/** A package's answer to a push: it holds the payload with this hash under its own id. */
export interface PushedAnswer {
  clientId: string;
  pkg: PackageName;
  hash: string;
  externalId: string;
  externalKey?: string;
}

/** A key a push is about to be sent under (see DeliveryStore.noteUnconfirmedKey). */
export interface UnconfirmedKey {
  clientId: string;
  pkg: PackageName;
  key: string;
}

/** What the dispatcher wants a package to hold for a client: the payload's hash, as of a position. */
export interface WantedDelivery {
  clientId: string;
  pkg: PackageName;
  hash: string;
  position: number;
  /** The queue job that will carry it (see PushJob), recorded for re-drives. */
  jobId?: string;
}

/** The delivery record: what each package should hold of each client, and what it does hold. */
export class DeliveryStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Records the payload a package should now hold. Returns true when that differs from what it
   * holds, i.e. a push is needed; an unchanged payload needs nothing.
   */
  async want(tx: PoolClient, clientId: string, pkg: PackageName, hash: string, position: number): Promise<boolean> {
    return (await this.wantAll(tx, [{ clientId, pkg, hash, position }])).length > 0;
  }

  /**
   * `want` for many (client, package) pairs in one statement, each with the job that will carry it;
   * returns the pairs now pending, to be enqueued. Each pair may appear once (a dispatcher batch names each client once).
   * A changed payload is wanted anew. So is an unchanged one whose delivery is still pending (a
   * job asked for by an older event must not settle it as skipped) or was skipped (the client is
   * to be pushed there again: switched back on, say, with the same payload). So is the payload
   * the package holds, while a push under another key has gone unanswered since (see
   * noteUnconfirmedKey): the package may hold the client there too, which a push retires.
   */
  async wantAll(tx: PoolClient, wanted: readonly WantedDelivery[]): Promise<WantedDelivery[]> {
    if (wanted.length === 0) return [];
    const { rows } = await tx.query<{ client_id: string; package: PackageName; status: string }>(
      `insert into sync_deliveries (client_id, package, desired_hash, desired_position, status, job_id)
       select w.client_id, w.package, w.hash, w.position, 'pending', w.job_id
         from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[]) as w(client_id, package, hash, position, job_id)
       on conflict (client_id, package) do update
         set desired_hash = excluded.desired_hash,
             job_id = excluded.job_id,
             desired_position = greatest(sync_deliveries.desired_position, excluded.desired_position),
             status = case when sync_deliveries.pushed_hash = excluded.desired_hash and sync_deliveries.unconfirmed_keys = '{}'
                           then 'pushed' else 'pending' end,
             attempts = case when sync_deliveries.desired_hash = excluded.desired_hash then sync_deliveries.attempts else 0 end,
             updated_at = now()
         where sync_deliveries.desired_hash is distinct from excluded.desired_hash
            or sync_deliveries.status in ('pending', 'skipped')
       returning client_id, package, status`,
      [
        wanted.map((w) => w.clientId),
        wanted.map((w) => w.pkg),
        wanted.map((w) => w.hash),
        wanted.map((w) => w.position),
        wanted.map((w) => w.jobId ?? null),
      ],
    );
    const pending = new Set(rows.filter((r) => r.status === 'pending').map((r) => deliveryKey(r.client_id, r.package)));
    return wanted.filter((w) => pending.has(deliveryKey(w.clientId, w.pkg)));
  }

  async get(clientId: string, pkg: PackageName): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<Row>('select * from sync_deliveries where client_id = $1 and package = $2', [
      clientId,
      pkg,
    ]);
    return rows[0] ? toDelivery(rows[0]) : undefined;
  }

  /** Several deliveries in one read, keyed `clientId/package` (see `deliveryKey`). */
  async getMany(pairs: ReadonlyArray<{ clientId: string; pkg: PackageName }>): Promise<Map<string, Delivery>> {
    const { rows } = await this.pool.query<Row>(
      `select d.* from unnest($1::uuid[], $2::text[]) p(client_id, package)
         join sync_deliveries d on d.client_id = p.client_id and d.package = p.package`,
      [pairs.map((p) => p.clientId), pairs.map((p) => p.pkg)],
    );
    return new Map(rows.map((row) => [deliveryKey(row.client_id, row.package), toDelivery(row)]));
  }

  async forClient(clientId: string): Promise<Delivery[]> {
    const { rows } = await this.pool.query<Row>('select * from sync_deliveries where client_id = $1 order by package', [
      clientId,
    ]);
    return rows.map(toDelivery);
  }

  async withStatus(status: Delivery['status']): Promise<Delivery[]> {
    const { rows } = await this.pool.query<Row>(
      'select * from sync_deliveries where status = $1 order by updated_at',
      [status],
    );
    return rows.map(toDelivery);
  }

  /**
   * One page of the deliveries in a status, oldest change first (then by client and package, so a
   * page boundary is stable), optionally of one package, with how many there are in all.
   */
  async pageWithStatus(
    status: Delivery['status'],
    { page, pageSize, pkg }: { page: number; pageSize: number; pkg?: PackageName },
  ): Promise<{ items: Delivery[]; total: number }> {
    const { rows } = await this.pool.query<Row & { total: string }>(
      `select *, count(*) over () as total from sync_deliveries
        where status = $1 and ($2::text is null or package = $2)
        order by updated_at, client_id, package
        limit $3 offset $4`,
      [status, pkg ?? null, pageSize, (page - 1) * pageSize],
    );
    if (rows.length > 0) return { items: rows.map(toDelivery), total: Number(rows[0]!.total) };
    // A page past the end still says how many there are.
    const { rows: count } = await this.pool.query<{ total: string }>(
      'select count(*) as total from sync_deliveries where status = $1 and ($2::text is null or package = $2)',
      [status, pkg ?? null],
    );
    return { items: [], total: Number(count[0]!.total) };
  }

  /** Pending deliveries untouched for `olderThanMs`: their job may have been lost with the queue's data. */
  async stalePending(olderThanMs: number): Promise<Delivery[]> {
    const { rows } = await this.pool.query<Row>(
      `select * from sync_deliveries
        where status = 'pending' and updated_at < now() - $1 * interval '1 millisecond'
        order by updated_at`,
      [olderThanMs],
    );
    return rows.map(toDelivery);
  }

  async failedPerPackage(): Promise<Partial<Record<PackageName, number>>> {
    const { rows } = await this.pool.query<{ package: PackageName; failed: string }>(
      `select package, count(*) as failed from sync_deliveries where status = 'failed' group by package`,
    );
    return Object.fromEntries(rows.map((row) => [row.package, Number(row.failed)]));
  }

  /**
   * Records packages' answers in one statement; for the same delivery the last one counts. An
   * answer for another payload than the one wanted leaves the delivery pending: either a newer
   * job is on its way, or an older push answered last and the package may hold the older payload,
   * which the re-drive then sends again. An answer clears the unconfirmed keys: the push it
   * answers looked under each of them before it answered.
   */
  async markPushedMany(answers: readonly PushedAnswer[]): Promise<void> {
    await this.pool.query(
      `update sync_deliveries d
          set pushed_hash = a.hash, external_id = a.external_id, external_key = a.external_key, unconfirmed_keys = '{}', message = null,
              updated_at = now(), status = case when d.desired_hash = a.hash then 'pushed' else 'pending' end
         from (select distinct on (client_id, package) client_id, package, hash, external_id, external_key
                 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality
                      as u(client_id, package, hash, external_id, external_key, ord)
                order by client_id, package, ord desc) a
        where d.client_id = a.client_id and d.package = a.package`,
      [
        answers.map((a) => a.clientId),
        answers.map((a) => a.pkg),
        answers.map((a) => a.hash),
        answers.map((a) => a.externalId),
        answers.map((a) => a.externalKey ?? null),
      ],
    );
  }

  /**
   * The key a push is about to be sent under, before it goes (see PackageConnector.keyOf): should
   * its answer be lost, the next push still knows to look there. Kept until an answer is recorded,
   * since a push that succeeds has retired the client's records under every such key.
   */
  async noteUnconfirmedKey(clientId: string, pkg: PackageName, key: string): Promise<void> {
    await this.noteUnconfirmedKeys([{ clientId, pkg, key }]);
  }

  /**
   * `noteUnconfirmedKey` for several deliveries in one statement (pushes running side by side). One
   * key per delivery: a delivery's pushes run one after the other.
   */
  async noteUnconfirmedKeys(notes: readonly UnconfirmedKey[]): Promise<void> {
    if (notes.length === 0) return;
    await this.pool.query(
      `update sync_deliveries d set unconfirmed_keys = d.unconfirmed_keys || n.key
         from (select distinct client_id, package, key
                 from unnest($1::uuid[], $2::text[], $3::text[]) as n(client_id, package, key)) n
        where d.client_id = n.client_id and d.package = n.package and not n.key = any(d.unconfirmed_keys)`,
      [notes.map((n) => n.clientId), notes.map((n) => n.pkg), notes.map((n) => n.key)],
    );
  }

  /**
   * A failed attempt: `failed` when it was the last (to the failed list), `refused` when the package
   * refused it. Only for the wish the job was asked for (`askedAt`) or an older one: a job that fails
   * after a newer wish was recorded (a refusal of a card since corrected, say) must not mark that
   * wish, perhaps pushed already, as failed. Without `askedAt` (jobs queued before positions were
   * kept, a re-drive) it counts for any wish. And only while the wish is pending: another job (a
   * worker elsewhere that held the delivery, a re-drive) may have pushed it since this one began.
   */
  async noteAttempt(
    clientId: string,
    pkg: PackageName,
    message: string,
    { failed, refused = false, askedAt }: { failed: boolean; refused?: boolean; askedAt?: number },
  ): Promise<void> {
    await this.pool.query(
      `update sync_deliveries
          set attempts = attempts + 1, message = $3, updated_at = now(),
              status = case when $4 then 'failed' else status end,
              refused = case when $4 then $5 else refused end
        where client_id = $1 and package = $2 and status = 'pending' and ($6::bigint is null or desired_position <= $6)`,
      [clientId, pkg, message, failed, refused, askedAt ?? null],
    );
  }

  /**
   * Settles a pending delivery its job found nothing to push for, so that re-drives stop offering
   * it. Only when nothing newer was wanted than what the job was asked for (`askedAt`): a later
   * event that makes the client pushable again keeps its delivery pending.
   */
  async markSkipped(clientId: string, pkg: PackageName, reason: string, askedAt: number): Promise<void> {
    await this.pool.query(
      `update sync_deliveries set status = 'skipped', message = $3, updated_at = now()
        where client_id = $1 and package = $2 and status = 'pending' and desired_position <= $4`,
      [clientId, pkg, reason, askedAt],
    );
  }

  /**
   * Back to pending for a re-drive, under the job that will carry it (recorded, so a re-drive round
   * rebuilds that job rather than adding another); returns the delivery if it was failed.
   */
  async reopen(clientId: string, pkg: PackageName, jobId: string): Promise<Delivery | undefined> {
    return (await this.reopenMany([{ clientId, pkg, jobId }]))[0];
  }

  /** `reopen` for many in one statement; returns those that were failed, now pending. */
  async reopenMany(reopening: ReadonlyArray<{ clientId: string; pkg: PackageName; jobId: string }>): Promise<Delivery[]> {
    if (reopening.length === 0) return [];
    const { rows } = await this.pool.query<Row>(
      `update sync_deliveries d
          set status = 'pending', attempts = 0, refused = false, updated_at = now(), job_id = r.job_id
         from unnest($1::uuid[], $2::text[], $3::text[]) as r(client_id, package, job_id)
        where d.client_id = r.client_id and d.package = r.package and d.status = 'failed'
        returning d.*`,
      [reopening.map((r) => r.clientId), reopening.map((r) => r.pkg), reopening.map((r) => r.jobId)],
    );
    return rows.map(toDelivery);
  }
}
