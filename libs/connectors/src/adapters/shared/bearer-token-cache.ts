export interface IssuedToken {
  token: string;
  /** Lifetime as the issuer stated it. */
  expiresInMs: number;
}

/**
 * Keeps one bearer token and renews it shortly before it expires. Concurrent callers share one
 * renewal. `invalidate` is for a 401 on a token we believed valid (revoked, clock skew, sandbox reset).
 */
export class BearerTokenCache {
  private current: { token: string; renewAt: number } | undefined;
  private renewing: Promise<string> | undefined;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    /** Renew this long before expiry; capped at half the lifetime so short-lived tokens are still used. */
    private readonly renewalMarginMs: number = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.token;
    this.renewing ??= this.renew().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  invalidate(token: string): void {
    // Only drop the token that failed: a concurrent caller may already have renewed it.
    if (this.current?.token === token) this.current = undefined;
  }

  private async renew(): Promise<string> {
    const issued = await this.issue();
    const margin = Math.min(this.renewalMarginMs, issued.expiresInMs / 2);
    this.current = { token: issued.token, renewAt: this.now() + issued.expiresInMs - margin };
    return issued.token;
  }
}
