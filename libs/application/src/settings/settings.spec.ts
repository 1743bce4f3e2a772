import { InvalidSettings, loadSettings } from './settings';

describe('settings', () => {
  it('given no environment, then the embedded defaults apply', () => {
    expect(loadSettings({})).toMatchObject({ PORT: 3000, DATA_DIR: './data' });
    expect(loadSettings({}).DATABASE_URL).toBeUndefined();
    expect(loadSettings({}).IDEMPOTENCY_KEY_HOURS).toBe(24);
    expect(loadSettings({}).SYNC_RETRY_HOURS).toBe(24);
  });

  it('given valid values, then they are used', () => {
    const settings = loadSettings({
      PORT: '8080',
      DATA_DIR: '/var/lib/koppelhub',
      DATABASE_URL: 'postgres://hub@db:5432/hub',
      REDIS_URL: 'redis://redis:6379',
      KURRENTDB_URL: 'kurrentdb://kurrent:2113?tls=false',
    });
    expect(settings).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://hub@db:5432/hub', REDIS_URL: 'redis://redis:6379' });
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number'],
    ['PORT', '70000', 'PORT must be between 0 and 65535'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL must be a redis:// or rediss:// URL'],
    ['KURRENTDB_URL', 'http://x', 'KURRENTDB_URL must be a kurrentdb:// (or esdb://) connection string'],
    ['IDEMPOTENCY_KEY_HOURS', '0', 'IDEMPOTENCY_KEY_HOURS must be 1 to 720 (30 days)'],
    ['IDEMPOTENCY_KEY_HOURS', 'a day', 'IDEMPOTENCY_KEY_HOURS must be a whole number'],
    ['SYNC_RETRY_HOURS', '0', 'SYNC_RETRY_HOURS must be 1 to 168 (a week)'],
    ['SYNC_RETRY_HOURS', '169', 'SYNC_RETRY_HOURS must be 1 to 168 (a week)'],
  ])('given %s=%s, then the start is refused naming it', (name, value, message) => {
    expect(() => loadSettings({ [name]: value })).toThrow(InvalidSettings);
    expect(() => loadSettings({ [name]: value })).toThrow(message);
  });

  it('given several wrong values, then every one is named', () => {
    expect(() => loadSettings({ PORT: 'x', REDIS_URL: 'y' })).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining([expect.stringContaining('PORT'), expect.stringContaining('REDIS_URL')]) }),
    );
  });
});
