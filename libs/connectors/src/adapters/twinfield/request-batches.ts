import type { Lane } from './serial-lane';

interface Entry<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers items into requests that go through a lane one at a time: an item handed in while a
 * request is on its way (or queued) rides in the next one, up to `maxPerRequest`. With one request
 * in flight per office this turns a queue of waiting pushes into a few requests instead of one each.
 *
 * `send` answers every item of its request in order, with a value or the error for that item alone;
 * when `send` itself fails (the request never got a usable answer) every item of it fails.
 */
export class RequestBatches<I, O> {
  private pending: Array<Entry<I, O>> = [];
  private queued = false;

  constructor(
    private readonly lane: Lane,
    private readonly maxPerRequest: number,
    private readonly send: (items: I[]) => Promise<Array<O | Error>>,
    /**
     * The error of a whole request as each of its items gets it: the same error reaches all, so
     * it must not hold what only one of them may see (a package's echo of the request).
     */
    private readonly shared: (error: unknown, items: I[]) => unknown = (error) => error,
  ) {
    if (!Number.isInteger(maxPerRequest) || maxPerRequest < 1) throw new Error('maxPerRequest must be a positive integer');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.queue();
    });
  }

  /** One request waits in the lane at a time; it takes what has gathered by the time its turn comes. */
  private queue(): void {
    if (this.queued || this.pending.length === 0) return;
    this.queued = true;
    let started = false;
    this.lane
      .run(() => {
        started = true;
        this.queued = false;
        const batch = this.pending.splice(0, this.maxPerRequest);
        // Whatever is left (or arrives during this request) waits for the next turn.
        this.queue();
        return this.settle(batch);
      })
      .catch((error: unknown) => {
        // settle() never throws, so this is the lane failing to give a turn (a shared lane's
        // database gone, say): the waiting items fail now rather than wait for a turn that never comes.
        if (started) return;
        this.queued = false;
        for (const entry of this.pending.splice(0)) entry.reject(error);
      });
  }

  private async settle(batch: Array<Entry<I, O>>): Promise<void> {
    try {
      const answers = await this.send(batch.map((entry) => entry.item));
      if (answers.length !== batch.length) throw new Error(`expected ${batch.length} answers, got ${answers.length}`);
      batch.forEach((entry, i) => {
        const answer = answers[i];
        if (answer instanceof Error) entry.reject(answer);
        else entry.resolve(answer as O);
      });
    } catch (error) {
      const shared = this.shared(error, batch.map((entry) => entry.item));
      for (const entry of batch) entry.reject(shared);
    }
  }
}
