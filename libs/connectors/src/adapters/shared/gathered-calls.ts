interface Waiting<C, A> {
  call: C;
  resolve: (answer: A) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the calls made in the same turn of the event loop (the members of one push job, say)
 * into groups of up to `maxPerGroup`, for packages that take several requests in one exchange.
 * A call with no companion goes `alone`; a group goes `together`, which answers each call in order
 * or fails them all. Groups go side by side: unlike Twinfield, these packages take several
 * exchanges at once.
 */
export class GatheredCalls<C, A> {
  private waiting: Array<Waiting<C, A>> = [];

  constructor(
    private readonly maxPerGroup: number,
    private readonly alone: (call: C) => Promise<A>,
    private readonly together: (calls: C[]) => Promise<A[]>,
  ) {
    if (!Number.isInteger(maxPerGroup) || maxPerGroup < 1) throw new Error('maxPerGroup must be a positive integer');
  }

  call(call: C): Promise<A> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ call, resolve, reject });
    });
  }

  private flush(): void {
    const all = this.waiting;
    this.waiting = [];
    for (let at = 0; at < all.length; at += this.maxPerGroup) void this.send(all.slice(at, at + this.maxPerGroup));
  }

  private async send(group: Array<Waiting<C, A>>): Promise<void> {
    try {
      const answers = group.length === 1 ? [await this.alone(group[0]!.call)] : await this.together(group.map((w) => w.call));
      if (answers.length !== group.length) throw new Error(`expected ${group.length} answers, got ${answers.length}`);
      group.forEach(({ resolve }, i) => resolve(answers[i]!));
    } catch (error) {
      for (const { reject } of group) reject(error);
    }
  }
}
