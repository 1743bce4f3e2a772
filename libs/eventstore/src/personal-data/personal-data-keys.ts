import type { Pool } from 'pg';
import { KEY_BYTES, newSubjectKey, unwrapKey, wrapKey } from './envelope-codec';
import { Coalescer } from '../batching/coalescer';
import { inTransaction } from '../postgres/checkpoint-store';
import { type CachedKey, KeyCache, type KeyCacheOptions } from './key-cache';
import { PersonalDataKeyMismatch } from './personal-data.errors';
import type { SubjectKeys, SubjectKeyState } from './subject-keys.port';

const MASTER_CHECK_SUBJECT = 'koppelhub:master-check';

export interface PersonalDataKeysOptions {
  cache?: KeyCacheOptions;
  /** Called once, when the database has no personal-data keys yet: e.g. to persist a generated master key first. */
  beforeFirstUse?: () => void;
}

interface KeyRow {
  subject_id: string;
  wrapped_key: Buffer | null;
}

/**
 * The per-person keys in `pd_keys`, wrapped with the master key, and cached unwrapped in memory.
 * Creating is idempotent and race-safe (insert on conflict, then read what won); erasing nulls the
 * key and keeps the row as a tombstone.
 */
export class PersonalDataKeys implements SubjectKeys {
  private readonly cache: KeyCache;
  private readonly making = new Coalescer<{ subject: string; scope: string }, CachedKey>(
    (wanted) => this.make(wanted),
    ({ subject }) => subject,
  );

  private constructor(
    private readonly pool: Pool,
    private readonly master: Buffer,
    options: PersonalDataKeysOptions,
  ) {
    this.cache = new KeyCache(options.cache);
  }

  /** Checks the master key against the database (refusing the wrong one) before any key is used. */
  static async open(pool: Pool, master: Buffer, options: PersonalDataKeysOptions = {}): Promise<PersonalDataKeys> {
    if (master.length !== KEY_BYTES) throw new PersonalDataKeyMismatch(`it must be ${KEY_BYTES} bytes, not ${master.length}`);
    const read = async () =>
      (await pool.query<{ sealed: Buffer }>('select sealed from pd_master_check where id = 1')).rows[0]?.sealed;
    let sealed = await read();
    if (!sealed) {
      options.beforeFirstUse?.();
      await pool.query('insert into pd_master_check (id, sealed) values (1, $1) on conflict (id) do nothing', [
        wrapKey(master, MASTER_CHECK_SUBJECT, newSubjectKey()),
      ]);
      sealed = await read();
    }
    if (!sealed || !unwrapKey(master, MASTER_CHECK_SUBJECT, sealed)) {
      throw new PersonalDataKeyMismatch('the database was set up with another key (restore that key; a new one cannot read the data)');
    }
    return new PersonalDataKeys(pool, master, options);
  }

  /**
   * Keys to open sealed fields with: `null` for an erased subject, and for one without a row (its
   * key is gone just the same).
   */
  async forReading(subjects: readonly string[]): Promise<Map<string, CachedKey>> {
    const keys = new Map<string, CachedKey>();
    const missing = this.fromCache(subjects, keys);
    if (missing.length > 0) {
      const rows = await this.load(missing);
      for (const subject of missing) keys.set(subject, rows.has(subject) ? this.remember(rows.get(subject)!) : null);
    }
    return keys;
  }

  /**
   * Keys to seal with, made for subjects that have none yet; `null` for an erased subject. One round
   * trip for whatever the cache misses, shared with the writers that miss at the same time: a key
   * is made for each up front and inserted unless the subject has one, and the existing ones are
   * read in the same call (`pd_make_keys`).
   */
  async forWriting(subjects: ReadonlyMap<string, string>): Promise<Map<string, CachedKey>> {
    const keys = new Map<string, CachedKey>();
    const missing = this.fromCache([...subjects.keys()], keys);
    const made = await Promise.all(missing.map((subject) => this.making.load({ subject, scope: subjects.get(subject)! })));
    missing.forEach((subject, index) => {
      const key = made[index];
      if (key !== undefined) keys.set(subject, key);
    });
    return keys;
  }

  /** Makes (or reads) the keys of subjects without a cached one; concurrent writers share the call. */
  private async make(wanted: ReadonlyArray<{ subject: string; scope: string }>): Promise<Map<string, CachedKey>> {
    const keys = new Map<string, CachedKey>();
    const missing = wanted.map((w) => w.subject);
    const made = new Map(missing.map((subject) => [subject, newSubjectKey()]));
    const { rows } = await this.pool.query<KeyRow & { made: boolean }>('select * from pd_make_keys($1::text[], $2::text[], $3::bytea[])', [
      missing,
      wanted.map((w) => w.scope),
      missing.map((s) => wrapKey(this.master, s, made.get(s)!)),
    ]);
    for (const row of rows) {
      if (!row.made) keys.set(row.subject_id, this.remember(row));
      else {
        this.cache.set(row.subject_id, made.get(row.subject_id)!);
        keys.set(row.subject_id, made.get(row.subject_id)!);
      }
    }
    // Made by another writer in the same instant (committed after this statement's snapshot): read it now.
    const lost = missing.filter((subject) => !keys.has(subject));
    if (lost.length > 0) for (const row of (await this.load(lost)).values()) keys.set(row.subject_id, this.remember(row));
    return keys;
  }

  /** Every subject in a relationship's scope, erased or not. */
  async inScope(scope: string): Promise<SubjectKeyState[]> {
    const { rows } = await this.pool.query<{ subject_id: string; erased: boolean }>(
      'select subject_id, erased_at is not null as erased from pd_keys where scope = $1 order by subject_id',
      [scope],
    );
    return rows.map((row) => ({ subject: row.subject_id, erased: row.erased }));
  }

  /**
   * Destroys the keys (a tombstone stays, also for a subject that had none yet). PostgreSQL keeps
   * the old row version until vacuum; it holds only the wrapped key, useless without the master key.
   * Holds the scope's lock alone: keys being made in the scope are committed first, so a look at
   * the scope afterwards finds them, and once the scope's own subject is erased none are made.
   */
  async erase(subjects: readonly string[], scope: string): Promise<void> {
    if (subjects.length === 0) return;
    await inTransaction(this.pool, async (tx) => {
      await tx.query('select pg_advisory_xact_lock(pd_scope_lock($1))', [scope]);
      await tx.query(
        `insert into pd_keys (subject_id, scope, wrapped_key, erased_at)
         select s, $2, null, now() from unnest($1::text[]) as s
         on conflict (subject_id) do update set wrapped_key = null, erased_at = coalesce(pd_keys.erased_at, excluded.erased_at)`,
        [subjects, scope],
      );
    });
    this.forget(subjects);
  }

  /** Drops cached keys, e.g. on reading an erasure another process recorded. */
  forget(subjects: readonly string[]): void {
    this.cache.forget(subjects);
  }

  private fromCache(subjects: readonly string[], into: Map<string, CachedKey>): string[] {
    const missing: string[] = [];
    for (const subject of new Set(subjects)) {
      const cached = this.cache.get(subject);
      if (cached === undefined) missing.push(subject);
      else into.set(subject, cached);
    }
    return missing;
  }

  private async load(subjects: readonly string[]): Promise<Map<string, KeyRow>> {
    const { rows } = await this.pool.query<KeyRow>(
      'select subject_id, wrapped_key from pd_keys where subject_id = any($1::text[])',
      [subjects],
    );
    return new Map(rows.map((row) => [row.subject_id, row]));
  }

  private remember(row: KeyRow): CachedKey {
    let key: CachedKey = null;
    if (row.wrapped_key) {
      const unwrapped = unwrapKey(this.master, row.subject_id, row.wrapped_key);
      if (!unwrapped) throw new PersonalDataKeyMismatch(`the key of ${row.subject_id} does not unwrap`);
      key = unwrapped;
    }
    this.cache.set(row.subject_id, key);
    return key;
  }
}
