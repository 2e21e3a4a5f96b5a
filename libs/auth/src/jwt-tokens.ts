import { JwtService } from '@nestjs/jwt';
import type { AuthConfig } from '@app/config';
import { DomainError, Principal, isRole } from '@app/domain';

const ISSUER = 'smart-parking';
const AUDIENCE = 'parking-staff';
const ALGORITHM = 'HS256' as const;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Short-lived HS256 access tokens. The algorithm is pinned on sign and on verify, so an
 * `alg: none` or an asymmetric-algorithm token is refused whatever its header says.
 */
export class JwtTokens {
  private readonly jwt: JwtService | null;

  constructor(private readonly config: AuthConfig) {
    this.jwt = config.jwtSecret ? new JwtService({ secret: config.jwtSecret }) : null;
  }

  get enabled(): boolean {
    return this.jwt !== null;
  }

  /** Refuses logins clearly when no secret is configured (never falls back to a default). */
  assertEnabled(): JwtService {
    if (!this.jwt) {
      throw new DomainError(
        'unavailable',
        'logins are disabled: no JWT secret configured (set JWT_SECRET, config auth.jwtSecret)',
      );
    }
    return this.jwt;
  }

  issue(p: Principal, now = Date.now()): IssuedToken {
    const jwt = this.assertEnabled();
    const iat = Math.floor(now / 1000);
    const exp = iat + this.config.jwtTtlSeconds;
    const token = jwt.sign(
      { name: p.username, role: p.role, zones: p.zones, iat, exp },
      { algorithm: ALGORITHM, subject: p.userId, issuer: ISSUER, audience: AUDIENCE },
    );
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The principal of a valid token, or an `unauthorized` DomainError. */
  verify(token: string): Principal {
    if (!this.jwt) throw new DomainError('unauthorized', 'token logins are disabled');
    let claims: Record<string, unknown>;
    try {
      claims = this.jwt.verify<Record<string, unknown>>(token, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    } catch (err) {
      const expired = err instanceof Error && err.name === 'TokenExpiredError';
      throw new DomainError('unauthorized', expired ? 'token expired' : 'invalid token');
    }
    const { sub, name, role, zones } = claims;
    const zonesOk =
      zones === null || (Array.isArray(zones) && zones.every((z) => typeof z === 'string'));
    if (typeof sub !== 'string' || typeof name !== 'string' || !isRole(role) || !zonesOk) {
      throw new DomainError('unauthorized', 'invalid token claims');
    }
    return { userId: sub, username: name, role, zones: zones as string[] | null };
  }
}

/** Whether a bearer credential has the shape of a JWT (three base64url parts). */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
