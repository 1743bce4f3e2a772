/**
 * The highest of `positions` that `covers` holds for, or undefined when it holds for none.
 * Covering is monotonic (a subscription that has handled everything up to a position has handled
 * everything below it), so a binary search finds it, trying the highest first: one look when a
 * batch took the subscription past every waiter, which is the usual case, and a few otherwise,
 * instead of one look per waiter after every batch.
 */
export async function furthestCovered(
  positions: readonly number[],
  covers: (position: number) => Promise<boolean>,
): Promise<number | undefined> {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  // Invariant: sorted[..covered] are covered, sorted[notCovered..] are not.
  let covered = -1;
  let notCovered = sorted.length;
  let probe = sorted.length - 1;
  while (notCovered - covered > 1) {
    if (await covers(sorted[probe])) covered = probe;
    else notCovered = probe;
    probe = Math.floor((covered + notCovered) / 2);
  }
  return covered >= 0 ? sorted[covered] : undefined;
}
