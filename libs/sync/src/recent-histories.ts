import type { RecordedEvent } from '@koppelhub/eventstore';

/**
 * Client histories read lately: at most `capacity` clients, each served for at most `maxAgeMs`. A
 * client's jobs for its several packages run close together and each needs its history; one read
 * can serve them all as long as it reaches what each job must reflect (see PushProcessor). Past
 * that, a history only takes memory, with the personal data opened in it: it is let go at the next
 * use (every job uses this), so a busy worker holds about a minute's clients and an idle one what
 * its last minute of work read.
 */
export class RecentHistories {
  private readonly histories = new Map<string, { history: RecordedEvent[]; keptAt: number }>();

  /** By default more clients than a worker has jobs for in hand at once. */
  constructor(
    private readonly capacity = 5_000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The history kept for the client if it reaches `position`. */
  reaching(clientId: string, position: number): RecordedEvent[] | undefined {
    const kept = this.histories.get(clientId);
    if (!kept) return undefined;
    if (this.isStale(kept.keptAt)) {
      this.histories.delete(clientId);
      return undefined;
    }
    const last = kept.history.at(-1)?.position;
    return last !== undefined && last >= position ? kept.history : undefined;
  }

  /**
   * Keeps a history just read, unless a newer one is kept: reads finish out of order (a
   * dispatcher's, begun before a job's), and a job served the older one would push an older state
   * over the newer one the package already has.
   */
  keep(clientId: string, history: RecordedEvent[]): void {
    const kept = this.histories.get(clientId);
    if (kept && !this.isStale(kept.keptAt) && (kept.history.at(-1)?.position ?? 0) > (history.at(-1)?.position ?? 0)) return;
    this.histories.delete(clientId);
    this.histories.set(clientId, { history, keptAt: this.now() });
    // A Map iterates in insertion order: the first entries are the ones kept longest ago.
    for (const [oldest, { keptAt }] of this.histories) {
      if (this.histories.size <= this.capacity && !this.isStale(keptAt)) break;
      this.histories.delete(oldest);
    }
  }

  /** How many clients' histories are held. */
  get size(): number {
    return this.histories.size;
  }

  private isStale(keptAt: number): boolean {
    return this.now() - keptAt > this.maxAgeMs;
  }
}
