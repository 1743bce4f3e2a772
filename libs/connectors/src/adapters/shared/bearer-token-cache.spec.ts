import { BearerTokenCache } from './bearer-token-cache';

describe('BearerTokenCache', () => {
  let now = 0;
  let issued = 0;
  const issue = jest.fn(async () => ({ token: `token-${++issued}`, expiresInMs: 30 * 60_000 }));
  const cache = (): BearerTokenCache => new BearerTokenCache(issue, 60_000, () => now);

  beforeEach(() => {
    now = 0;
    issued = 0;
    issue.mockClear();
  });

  it('reuses a token until shortly before it expires', async () => {
    const tokens = cache();
    expect(await tokens.get()).toBe('token-1');
    now = 28 * 60_000;
    expect(await tokens.get()).toBe('token-1');
    now = 29 * 60_000;
    expect(await tokens.get()).toBe('token-2');
  });

  it('shares one renewal between concurrent callers', async () => {
    const tokens = cache();
    const all = await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    expect(all).toEqual(['token-1', 'token-1', 'token-1']);
    expect(issue).toHaveBeenCalledTimes(1);
  });

  it('drops a token that got a 401, but not a newer one', async () => {
    const tokens = cache();
    await tokens.get();
    tokens.invalidate('token-1');
    expect(await tokens.get()).toBe('token-2');
    tokens.invalidate('token-1');
    expect(await tokens.get()).toBe('token-2');
  });

  it('uses short-lived tokens for half their lifetime', async () => {
    const tokens = new BearerTokenCache(async () => ({ token: `t${++issued}`, expiresInMs: 1000 }), 60_000, () => now);
    expect(await tokens.get()).toBe('t1');
    now = 400;
    expect(await tokens.get()).toBe('t1');
    now = 500;
    expect(await tokens.get()).toBe('t2');
  });

  it('lets a failed renewal be retried', async () => {
    const failing = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue({ token: 'ok', expiresInMs: 60_000 });
    const tokens = new BearerTokenCache(failing, 1000, () => now);
    await expect(tokens.get()).rejects.toThrow('down');
    expect(await tokens.get()).toBe('ok');
  });
});
