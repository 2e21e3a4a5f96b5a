import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { RateLimitHit, RateLimitStore } from '@app/live-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_KEY, Access } from './public.decorator';
import { SKIP_RATE_LIMIT } from './rate-limit.decorator';
import { RouteMetadata } from './route-metadata';

/**
 * Per-client-IP limit on public routes: a fixed window in the `RateLimitStore` (Redis, shared by
 * every API instance; in process memory in the one-process profile).
 * Fails open when the store cannot answer: drivers keep their guidance; the failure is counted.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('rate-limit');
  private readonly access: RouteMetadata<Access>;
  private readonly skip: RouteMetadata<boolean>;
  limited = 0;
  failures = 0;

  constructor(
    reflector: Reflector,
    private readonly config: AppConfig,
    private readonly store: RateLimitStore,
  ) {
    this.access = new RouteMetadata<Access>(reflector, ACCESS_KEY);
    this.skip = new RouteMetadata<boolean>(reflector, SKIP_RATE_LIMIT);
  }

  get enabled(): boolean {
    return this.config.guidance.rateLimit.enabled;
  }

  /** Synchronous (no promise for Nest to await) whenever no store round trip is needed. */
  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    if (!this.enabled || ctx.getType() !== 'http') return true;
    if (this.access.of(ctx) !== 'public' || this.skip.of(ctx)) return true;
    const http = ctx.switchToHttp();
    return this.admit(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /**
   * Counts a public request in its client's window: true, or a 429 HttpException past the limit.
   * Also called by the routes served outside Nest's pipeline (guidance/nearby-direct.route.ts).
   */
  async admit(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const { max, windowMs } = this.config.guidance.rateLimit;
    let hit: RateLimitHit;
    try {
      hit = await this.store.hit(`rl:{${req.ip}}`, windowMs);
    } catch (err) {
      if (this.failures++ % 1000 === 0) this.logger.warn(`rate limit unavailable: ${String(err)}`);
      return true;
    }
    const { count, ttlMs: ttl } = hit;
    void reply.header('x-ratelimit-limit', max);
    void reply.header('x-ratelimit-remaining', Math.max(0, max - count));
    if (count <= max) return true;
    this.limited++;
    void reply.header('retry-after', Math.ceil(ttl / 1000));
    throw new HttpException(
      { message: `more than ${max} requests in ${windowMs / 1000} s from this client` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
