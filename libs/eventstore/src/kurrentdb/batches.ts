const LINGER = Symbol('linger');

/**
 * Groups a live stream of items into batches: a batch holds what arrives without waiting more than
 * `lingerMs` for the next item, up to `max`. A catch-up subscription delivers history in bursts and
 * then one event at a time, so the handler gets large batches while catching up and small ones when
 * live, without a fixed delay on every event. A `next()` still pending when a batch closes is kept
 * for the following batch, so no item is lost.
 */
export async function* batches<T>(source: AsyncIterator<T>, max: number, lingerMs: number): AsyncGenerator<T[]> {
  let pending: Promise<IteratorResult<T>> | undefined;
  for (;;) {
    const first = await (pending ?? source.next());
    pending = undefined;
    if (first.done) return;
    const batch = [first.value];
    let done = false;
    while (batch.length < max) {
      pending = source.next();
      // Handled when awaited later; this only keeps an abandoned one from counting as unhandled.
      pending.catch(() => undefined);
      const next = await raceTimer(pending, lingerMs);
      if (next === LINGER) break;
      pending = undefined;
      if (next.done) {
        done = true;
        break;
      }
      batch.push(next.value);
    }
    yield batch;
    if (done) return;
  }
}

async function raceTimer<T>(promise: Promise<T>, ms: number): Promise<T | typeof LINGER> {
  let timer: NodeJS.Timeout | undefined;
  const linger = new Promise<typeof LINGER>((resolve) => {
    timer = setTimeout(() => resolve(LINGER), ms);
  });
  try {
    return await Promise.race([promise, linger]);
  } finally {
    clearTimeout(timer);
  }
}
