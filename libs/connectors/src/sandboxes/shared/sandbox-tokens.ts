import { randomUUID } from 'node:crypto';

/** Bearer tokens a sandbox hands out, with a lifetime tests can shorten, and a switch to expire them all at once. */
export class SandboxTokens {
  private readonly issued = new Map<string, number>();
  private issuedCount = 0;

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { token: string; expiresInSeconds: number } {
    const token = randomUUID();
    // Expired tokens are forgotten as new ones are handed out: an embedded hub renews for months.
    for (const [old, expiresAt] of this.issued) if (this.now() >= expiresAt) this.issued.delete(old);
    this.issued.set(token, this.now() + this.lifetimeSeconds * 1000);
    this.issuedCount += 1;
    return { token, expiresInSeconds: this.lifetimeSeconds };
  }

  /** Tokens the sandbox still keeps: the valid ones, and expired ones not yet forgotten. */
  held(): number {
    return this.issued.size;
  }

  isValid(token: string | undefined): boolean {
    if (token === undefined) return false;
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  /** Every token handed out so far stops working; clients must notice the 401 and renew. Answers how many still worked. */
  expireAll(): { expired: number } {
    const expired = [...this.issued.values()].filter((expiresAt) => this.now() < expiresAt).length;
    this.issued.clear();
    return { expired };
  }

  count(): number {
    return this.issuedCount;
  }

  reset(): void {
    this.issued.clear();
    this.issuedCount = 0;
  }
}
