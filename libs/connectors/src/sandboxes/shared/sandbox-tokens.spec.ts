import { SandboxTokens } from './sandbox-tokens';

describe('SandboxTokens', () => {
  let now = 0;
  const tokens = () => new SandboxTokens(60, () => now);
  beforeEach(() => (now = 1_000_000));

  it('given a token, then it works until its lifetime has passed', () => {
    const sandbox = tokens();
    const { token } = sandbox.issue();

    now += 59_999;
    expect(sandbox.isValid(token)).toBe(true);
    now += 1;
    expect(sandbox.isValid(token)).toBe(false);
  });

  it('given tokens renewed for a long time, then the expired ones are forgotten rather than kept', () => {
    const sandbox = tokens();
    // Given a day of renewals, one a minute
    for (let minute = 0; minute < 24 * 60; minute++) {
      sandbox.issue();
      now += 60_000;
    }
    const latest = sandbox.issue();

    expect(sandbox.held()).toBe(1);
    expect(sandbox.isValid(latest.token)).toBe(true);
    expect(sandbox.count()).toBe(24 * 60 + 1);
  });

  it('given valid and expired tokens, when all are expired at once, then it answers how many still worked and none works', () => {
    const sandbox = tokens();
    const first = sandbox.issue();
    now += 30_000;
    const second = sandbox.issue();
    now += 40_000; // the first has expired, the second has not

    expect(sandbox.expireAll()).toEqual({ expired: 1 });
    expect(sandbox.isValid(first.token)).toBe(false);
    expect(sandbox.isValid(second.token)).toBe(false);
  });
});
