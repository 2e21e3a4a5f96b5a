import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { JwtTokens, looksLikeJwt } from '@app/auth';
import { DomainError, Principal, Role } from '@app/domain';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY, Access } from './public.decorator';
import { attachPrincipal } from '../auth/principal.decorator';
import { RouteMetadata } from './route-metadata';

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Which staff roles may call a route of each access level. */
const ROLES_FOR: Record<'admin' | 'operator' | 'police', readonly Role[]> = {
  admin: ['admin'],
  operator: ['admin', 'operator'],
  police: ['admin', 'operator', 'police'],
};

const ADMIN_TOKEN_PRINCIPAL: Principal = {
  userId: 'admin-token',
  username: 'admin-token',
  role: 'admin',
  zones: null,
};

/**
 * Global, fail-closed authorisation: a route without an access decision is refused.
 * `gateway` routes must also carry the gateway guard that checks the gateway's own credentials.
 * Staff routes accept the ADMIN_TOKEN (an admin) or a staff JWT; the caller's principal (with
 * the zones an officer may see) is attached to the request for scoping.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly tokens: JwtTokens;
  private readonly access: RouteMetadata<Access>;

  constructor(
    reflector: Reflector,
    private readonly config: AppConfig,
  ) {
    this.tokens = new JwtTokens(config.auth);
    this.access = new RouteMetadata<Access>(reflector, ACCESS_KEY);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const access = this.access.of(ctx);
    if (access === 'public' || access === 'gateway') return true;
    if (access === undefined)
      throw new DomainError('forbidden', 'no access decision for this route');
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const token = bearer(req);
    if (!token) throw new DomainError('unauthorized', 'missing bearer token');
    const principal = this.authenticate(token, access);
    if (!ROLES_FOR[access].includes(principal.role)) {
      throw new DomainError('forbidden', `${access} credentials required`);
    }
    attachPrincipal(req, principal);
    return true;
  }

  private authenticate(token: string, access: Access): Principal {
    const admin = this.config.auth.adminToken;
    if (admin && safeEqual(token, admin)) return ADMIN_TOKEN_PRINCIPAL;
    if (looksLikeJwt(token)) return this.tokens.verify(token);
    throw new DomainError('forbidden', `${access} credentials required`);
  }
}
