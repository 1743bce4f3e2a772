import { API_KEY_PRINCIPAL_PREFIX, type Principal, type Settings } from '@koppelhub/application';
import { isRole } from '@koppelhub/domain';
import type { JWTVerifyGetKey } from 'jose';
import { unauthenticated } from './auth.errors';
import { loadJose } from './jose';

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

type JwtSettings = Pick<Settings, 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

/**
 * Bearer tokens: HS256 with the firm's own secret, or an OIDC issuer's keys (JWKS), and always with
 * an expiry (`exp`). The principal is the token's `sub`; its roles come from the `roles` claim
 * (unknown role names are ignored).
 */
export class JwtVerifier {
  private jwks?: JWTVerifyGetKey;

  constructor(private readonly settings: JwtSettings) {}

  get enabled(): boolean {
    return Boolean(this.settings.JWT_SECRET || this.settings.JWT_JWKS_URL);
  }

  async verify(token: string): Promise<Principal> {
    if (!this.enabled) throw unauthenticated('auth.bearer-not-accepted', 'bearer tokens are not accepted by this hub; use an API key');
    const jose = await loadJose();
    const options = {
      // jose checks `exp` only when it is there: a token without one would never expire.
      requiredClaims: ['exp'],
      ...(this.settings.JWT_ISSUER ? { issuer: this.settings.JWT_ISSUER } : {}),
      ...(this.settings.JWT_AUDIENCE ? { audience: this.settings.JWT_AUDIENCE } : {}),
    };
    let payload: Record<string, unknown>;
    try {
      if (this.settings.JWT_SECRET) {
        const key = new TextEncoder().encode(this.settings.JWT_SECRET);
        ({ payload } = await jose.jwtVerify(token, key, { ...options, algorithms: ['HS256'] }));
      } else {
        this.jwks ??= jose.createRemoteJWKSet(new URL(this.settings.JWT_JWKS_URL!));
        ({ payload } = await jose.jwtVerify(token, this.jwks, { ...options, algorithms: ASYMMETRIC }));
      }
    } catch {
      // The reason (expired, wrong signature...) is not echoed: it helps an attacker more than a user.
      throw unauthenticated('auth.invalid-token', 'the bearer token is not valid');
    }
    const subject = payload.sub;
    if (typeof subject !== 'string' || subject === '' || subject.startsWith(API_KEY_PRINCIPAL_PREFIX)) {
      throw unauthenticated('auth.invalid-token', 'the bearer token has no usable subject (sub)');
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    return { id: subject, roles: [...new Set(roles)], via: 'jwt' };
  }
}
