/** Where a connector's requests queue up to go one at a time. */
export interface Lane {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Runs tasks one at a time, in the order they were handed in. Twinfield wants one request in
 * flight per office, so a connector (one office) sends its pushes through one lane instead of
 * letting its own callers collide. A failed task does not block the ones after it.
 */
export class SerialLane implements Lane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The lane waits for the task to settle, never for its value: an error stays with its caller.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
