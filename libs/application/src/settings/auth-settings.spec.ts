import { loadSettings } from './settings';

describe('authentication, rate-limit and Wwft settings', () => {
  it('given nothing, then rate limiting and the review periods have their defaults and no token is accepted', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      RATE_LIMIT_PER_MINUTE: 1200,
      WWFT_REVIEW_YEARS_HIGH: 1,
      WWFT_REVIEW_YEARS_MEDIUM: 2,
      WWFT_REVIEW_YEARS_LOW: 3,
    });
    expect(settings.JWT_SECRET).toBeUndefined();
    expect(settings.ADMIN_API_KEY).toBeUndefined();
  });

  it('given values, then they are used', () => {
    const settings = loadSettings({
      JWT_JWKS_URL: 'https://login.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://login.example/',
      JWT_AUDIENCE: 'koppelhub',
      ADMIN_API_KEY: 'x'.repeat(40),
      RATE_LIMIT_PER_MINUTE: '100',
      WWFT_REVIEW_YEARS_LOW: '5',
    });
    expect(settings).toMatchObject({ JWT_AUDIENCE: 'koppelhub', RATE_LIMIT_PER_MINUTE: 100, WWFT_REVIEW_YEARS_LOW: 5 });
  });

  it.each([
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ JWT_JWKS_URL: 'ftp://x' }, 'JWT_JWKS_URL must be an http(s) URL'],
    [{ JWT_JWKS_URL: 'https://login.example/jwks' }, 'JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE'],
    [{ JWT_SECRET: 's'.repeat(32), JWT_JWKS_URL: 'https://x/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }, 'either JWT_SECRET or JWT_JWKS_URL'],
    [{ ADMIN_API_KEY: 'too-short' }, 'ADMIN_API_KEY must be 32 to 200 characters'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE must be at least 1'],
    [{ WWFT_REVIEW_YEARS_HIGH: '0' }, 'WWFT_REVIEW_YEARS_HIGH must be 1 to 10'],
  ])('given %p, then the start is refused naming it', (env, message) => {
    expect(() => loadSettings(env)).toThrow(message);
  });

  it('never prints a secret in the refusal', () => {
    expect(() => loadSettings({ JWT_SECRET: 'secret-value' })).toThrow(expect.not.objectContaining({ message: expect.stringContaining('secret-value') }));
  });
});
