import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY, Access } from './public.decorator';

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

/**
 * Global, fail-closed authorisation: a route without an access decision is refused.
 * `gateway` routes must also carry the gateway guard that checks the gateway's own credentials.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (access === 'public' || access === 'gateway') return true;
    if (access === undefined)
      throw new DomainError('forbidden', 'no access decision for this route');
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const token = bearer(req);
    if (!token) throw new DomainError('unauthorized', 'missing bearer token');
    if (access === 'admin') {
      const admin = this.config.auth.adminToken;
      if (admin && safeEqual(token, admin)) return true;
      throw new DomainError('forbidden', 'admin credentials required');
    }
    throw new DomainError('forbidden', `${access} credentials required`);
  }
}
