/** A subject's unwrapped key, or `null` once erased. */
export type CachedKey = Buffer | null;

export interface KeyCacheOptions {
  /** Keys kept at most; the least recently used go first. */
  maxEntries?: number;
  /**
   * How long a key is trusted without asking the table again. Bounds how long another process
   * that missed the erasure event can still decrypt a person erased elsewhere.
   */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Unwrapped keys in memory, so reading a stream or a batch costs no key lookups once warm. A Map
 * keeps insertion order: re-inserting on a hit makes the first entry the least recently used.
 */
export class KeyCache {
  private readonly entries = new Map<string, { key: CachedKey; at: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: KeyCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The cached key, `null` when cached as erased, undefined when unknown or stale. */
  get(subject: string): CachedKey | undefined {
    const entry = this.entries.get(subject);
    if (!entry) return undefined;
    this.entries.delete(subject);
    if (this.now() - entry.at > this.ttlMs) return undefined;
    this.entries.set(subject, entry);
    return entry.key;
  }

  set(subject: string, key: CachedKey): void {
    this.entries.delete(subject);
    this.entries.set(subject, { key, at: this.now() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(subjects: readonly string[]): void {
    for (const subject of subjects) this.entries.delete(subject);
  }
}
