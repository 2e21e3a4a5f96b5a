import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RateLimitStore } from '@app/live-store';
import type { FastifyRequest } from 'fastify';

/**
 * Intent writes per client IP and rate-limit window (`GUIDANCE_INTENT_RATE_MAX`), on top of the
 * public routes' general limit: one app declares a handful per trip, a flood is refused (429).
 * Fails open when the store cannot answer, like the general limit.
 */
@Injectable()
export class IntentRateLimit {
  private readonly logger = new Logger('rate-limit');
  failures = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly store: RateLimitStore,
  ) {}

  async admit(req: FastifyRequest): Promise<void> {
    const { enabled, windowMs } = this.config.guidance.rateLimit;
    if (!enabled) return;
    const max = this.config.guidance.intents.rateMax;
    let count: number;
    try {
      count = (await this.store.hit(`ri:{${req.ip}}`, windowMs)).count;
    } catch (err) {
      if (this.failures++ % 1000 === 0) this.logger.warn(`rate limit unavailable: ${String(err)}`);
      return;
    }
    if (count > max) {
      throw new HttpException(
        { message: `more than ${max} intent writes in ${windowMs / 1000} s from this client` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
