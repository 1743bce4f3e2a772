/**
 * Is an append a retry of one already stored? KurrentDB answers a repeated single-stream append
 * with success whether it wrote or deduplicated (and the v2 multi-stream append documents no
 * deduplication at all), so the adapter looks itself, per stream, where the events would be:
 * right after the expected version, or (for `any`) within the stream's last few events.
 *
 * - `stored`: these event ids are there, contiguous and in order, starting at `offset` in `found`;
 * - `absent`: none of them is there (for `any`: not within the window looked at);
 * - `other`: for an expected version: other events are there, so the write meets a conflict;
 * - `partial`: some of these ids are there, not all: a caller bug, never a retry.
 */
export type StreamCheck =
  { verdict: 'stored'; offset: number } | { verdict: 'absent' } | { verdict: 'other' } | { verdict: 'partial' };

export type AppendCheck = 'stored' | 'write' | 'partial';

/** How many of a stream's last events an `any` append looks through for its own ids. */
export const ANY_TAIL_WINDOW = 50;

/**
 * `found` are the ids read where the events would be, in stream order: from the first revision
 * after the expected version (at most `ids.length`), or the last ANY_TAIL_WINDOW events for `any`.
 */
export function checkStream(ids: readonly string[], found: readonly string[], anyVersion: boolean): StreamCheck {
  const ours = ids.map(normaliseId);
  const there = found.map(normaliseId);
  const start = anyVersion ? there.indexOf(ours[0]) : 0;
  if (start >= 0 && ours.every((id, i) => there[start + i] === id)) return { verdict: 'stored', offset: start };
  if (ours.some((id) => there.includes(id))) return { verdict: 'partial' };
  return anyVersion || there.length === 0 ? { verdict: 'absent' } : { verdict: 'other' };
}

/** One verdict for the whole append: all stored, none stored, or a mix (refused as PostgreSQL does). */
export function checkAppend(streams: readonly StreamCheck[]): AppendCheck {
  const verdicts = streams.map((s) => s.verdict);
  if (verdicts.length > 0 && verdicts.every((v) => v === 'stored')) return 'stored';
  // An append is atomic: some streams holding their events while others do not is no retry.
  if (verdicts.some((v) => v === 'partial' || v === 'stored')) return 'partial';
  return 'write';
}

/** KurrentDB may hand back a UUID in another letter case than it was given. */
export function normaliseId(id: string): string {
  return id.toLowerCase();
}
