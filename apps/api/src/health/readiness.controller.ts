import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LIVE_REDIS } from '@app/live-store';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/public.decorator';
import { SkipRateLimit } from '../common/rate-limit.decorator';
import { GuidanceRuntime } from '../guidance/guidance-runtime.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { readinessSchema } from '../openapi/schemas/guidance.schemas';

async function probe(fn: () => Promise<unknown>, ms = 1000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
    ]);
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class ReadinessController {
  constructor(
    private readonly ds: DataSource,
    @Inject(LIVE_REDIS) private readonly redis: Redis,
    private readonly runtime: GuidanceRuntime,
  ) {}

  /** Readiness: PostgreSQL and Redis answer and the guidance replica holds a live snapshot. */
  @Public()
  @SkipRateLimit()
  @Get('ready')
  @ApiDoc({
    summary: 'Readiness (PostgreSQL, Redis, guidance replica); 503 when not ready',
    response: readinessSchema,
    others: [{ status: 503, description: 'Not ready (checks say why)', response: readinessSchema }],
  })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.ds.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const replica = this.runtime.sync.synced ? 'ok' : 'not synced';
    const ok = postgres === 'ok' && redis === 'ok' && replica === 'ok';
    void reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', checks: { postgres, redis, replica } });
  }
}
