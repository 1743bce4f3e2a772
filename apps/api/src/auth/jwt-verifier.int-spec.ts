import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadJose } from './jose';
import { JwtVerifier } from './jwt-verifier';

/** An OIDC issuer's key set served over HTTP, as JWT_JWKS_URL points to. */
describe('bearer tokens from an OIDC issuer (JWKS over HTTP)', () => {
  let server: Server;
  let url: string;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  let signWithoutExpiry: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    const jose = await loadJose();
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256');
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'issuer-key-1', alg: 'ES256', use: 'sig' };
    server = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    signWithoutExpiry = (claims) => new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'issuer-key-1' }).setIssuedAt().sign(privateKey);
    sign = (claims) =>
      new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'issuer-key-1' }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const verifier = () => new JwtVerifier({ JWT_JWKS_URL: url, JWT_ISSUER: 'https://login.firm.test', JWT_AUDIENCE: 'koppelhub' });

  it('accepts a token signed by the issuer, for the audience, with its roles', async () => {
    const token = await sign({ sub: 'j.vos@firm.test', roles: ['klantgoedkeurder', 'auditor', 'root'], iss: 'https://login.firm.test', aud: 'koppelhub' });
    expect(await verifier().verify(token)).toEqual({ id: 'j.vos@firm.test', roles: ['klantgoedkeurder', 'auditor'], via: 'jwt' });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.test', aud: 'koppelhub' }],
    ['another audience', { iss: 'https://login.firm.test', aud: 'other' }],
  ])('refuses a token from %s', async (_, claims) => {
    const token = await sign({ sub: 'x', roles: ['admin'], ...claims });
    await expect(verifier().verify(token)).rejects.toMatchObject({ status: 401, code: 'auth.invalid-token' });
  });

  it('refuses a token without an expiry (exp), however well signed', async () => {
    const token = await signWithoutExpiry({ sub: 'x', roles: ['admin'], iss: 'https://login.firm.test', aud: 'koppelhub' });
    await expect(verifier().verify(token)).rejects.toMatchObject({ status: 401, code: 'auth.invalid-token' });
  });

  it('refuses an HS256 token made with a guessed secret (no algorithm confusion)', async () => {
    const jose = await loadJose();
    const token = await new jose.SignJWT({ sub: 'x', roles: ['admin'], iss: 'https://login.firm.test', aud: 'koppelhub' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-guessed-secret-of-32-characters-long'));
    await expect(verifier().verify(token)).rejects.toMatchObject({ code: 'auth.invalid-token' });
  });
});

describe('bearer tokens signed with the hub’s own secret (HS256)', () => {
  const secret = 'the-firm-secret-of-at-least-32-characters';
  const verifier = () => new JwtVerifier({ JWT_SECRET: secret });
  const token = async (options: { expires: boolean }) => {
    const jose = await loadJose();
    const jwt = new jose.SignJWT({ sub: 'j.vos@firm.test', roles: ['auditor'] }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
    return (options.expires ? jwt.setExpirationTime('5m') : jwt).sign(new TextEncoder().encode(secret));
  };

  it('given a token without an expiry (exp), then it is refused: it would be valid for ever', async () => {
    await expect(verifier().verify(await token({ expires: false }))).rejects.toMatchObject({ status: 401, code: 'auth.invalid-token' });

    // While the same token with an expiry is accepted
    expect(await verifier().verify(await token({ expires: true }))).toEqual({ id: 'j.vos@firm.test', roles: ['auditor'], via: 'jwt' });
  });
});
