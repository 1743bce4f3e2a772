import { endpointsFromEnvironment } from './package-connectors';

const others = {
  PINKWEB_URL: 'https://pinkweb.example',
  PINKWEB_API_KEY: 'p',
  CASEWARE_URL: 'https://caseware.example',
  CASEWARE_CLIENT_ID: 'c',
  CASEWARE_CLIENT_SECRET: 'cs',
  NEXTENS_URL: 'https://nextens.example',
  NEXTENS_API_KEY: 'n',
  QICS_URL: 'https://qics.example',
  QICS_CLIENT_ID: 'q',
  QICS_CLIENT_SECRET: 'qs',
  TWINFIELD_URL: 'https://accounting.twinfield.com',
  TWINFIELD_OFFICE: 'NLA001',
};
const renewing = { TWINFIELD_CLIENT_ID: 'app', TWINFIELD_CLIENT_SECRET: 'secret', TWINFIELD_REFRESH_TOKEN: 'refresh' };

describe('package endpoints from the environment', () => {
  it('given none of the settings, then the sandboxes stand in', () => {
    expect(endpointsFromEnvironment({})).toBeUndefined();
  });

  it('given a fixed Twinfield access token, then Twinfield is reached with it', () => {
    expect(endpointsFromEnvironment({ ...others, TWINFIELD_ACCESS_TOKEN: 'token' })?.twinfield).toEqual({
      baseUrl: 'https://accounting.twinfield.com',
      office: 'NLA001',
      accessToken: 'token',
    });
  });

  it('given the OAuth client and refresh token, then Twinfield renews its tokens, at its own login service unless told otherwise', () => {
    expect(endpointsFromEnvironment({ ...others, ...renewing })?.twinfield).toEqual({
      baseUrl: 'https://accounting.twinfield.com',
      office: 'NLA001',
      oauth: { clientId: 'app', clientSecret: 'secret', refreshToken: 'refresh' },
    });
    expect(endpointsFromEnvironment({ ...others, ...renewing, TWINFIELD_TOKEN_URL: 'https://login.example/token' })?.twinfield.oauth?.tokenUrl).toBe('https://login.example/token');
  });

  it.each([
    [{ ...others }, 'TWINFIELD_ACCESS_TOKEN (or TWINFIELD_CLIENT_ID, TWINFIELD_CLIENT_SECRET, TWINFIELD_REFRESH_TOKEN) missing'],
    [{ ...others, TWINFIELD_CLIENT_ID: 'app' }, 'TWINFIELD_CLIENT_SECRET, TWINFIELD_REFRESH_TOKEN missing'],
    [{ ...others, ...renewing, TWINFIELD_ACCESS_TOKEN: 'token' }, 'not both'],
    [{ TWINFIELD_REFRESH_TOKEN: 'refresh' }, 'PINKWEB_URL'],
  ])('given an incomplete or contradictory set, then the start is refused naming what is wrong (%#)', (env, message) => {
    expect(() => endpointsFromEnvironment(env)).toThrow(message);
  });
});
