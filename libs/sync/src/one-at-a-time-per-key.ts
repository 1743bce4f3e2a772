/**
 * Runs tasks one at a time per key, in the order they were handed in; tasks of different keys do
 * not wait for each other. A failed task does not block the ones after it. A key is forgotten
 * once nothing waits behind it, so the map holds only keys with work in hand.
 */
export class OneAtATimePerKey<K> {
  private readonly tails = new Map<K, Promise<void>>();

  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
