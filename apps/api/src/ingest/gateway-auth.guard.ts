import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { GatewayCredentialsRepository } from '@app/persistence/event-log';
import { verifySecret } from '@app/security';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiIngestRuntime, INGEST_RUNTIME } from './ingest-runtime.provider';

const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX = 10_000;

export type GatewayRequest = FastifyRequest & { gatewayId?: string };

/** Credentials as HTTP Basic `gatewayId:secret` or `x-gateway-id` + `x-gateway-secret`. */
function credentials(req: FastifyRequest): { id: string; secret: string } | null {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Basic\s+(\S+)$/i.exec(h);
    if (m) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
    }
  }
  const id = req.headers['x-gateway-id'];
  const secret = req.headers['x-gateway-secret'];
  if (typeof id === 'string' && typeof secret === 'string') return { id, secret };
  return null;
}

/**
 * Per-gateway authentication for HTTP ingest. scrypt is deliberately slow, so a successful check
 * is cached for a few minutes under a SHA-256 of (gateway, secret, stored hash); a changed
 * secret hash in the database invalidates it.
 */
@Injectable()
export class GatewayAuthGuard implements CanActivate {
  private readonly repo: GatewayCredentialsRepository;
  private readonly verified = new Map<string, number>();

  constructor(@Inject(INGEST_RUNTIME) rt: ApiIngestRuntime) {
    this.repo = new GatewayCredentialsRepository(rt.pool);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const cred = credentials(req);
    if (!cred) throw new DomainError('unauthorized', 'gateway credentials required');
    const stored = await this.repo.secretHash(cred.id);
    if (!stored) throw new DomainError('unauthorized', 'unknown gateway or wrong secret');
    const key = createHash('sha256')
      .update(`${cred.id}\0${cred.secret}\0${stored}`)
      .digest('base64');
    const until = this.verified.get(key);
    if (until === undefined || until < Date.now()) {
      if (!verifySecret(cred.secret, stored)) {
        throw new DomainError('unauthorized', 'unknown gateway or wrong secret');
      }
      if (this.verified.size >= CACHE_MAX) this.verified.clear();
      this.verified.set(key, Date.now() + CACHE_TTL_MS);
    }
    req.gatewayId = cred.id;
    return true;
  }
}
