import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LiveHealth } from '@app/live-store';
import type { FastifyReply } from 'fastify';
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
    private readonly live: LiveHealth,
    private readonly runtime: GuidanceRuntime,
  ) {}

  /**
   * Readiness: PostgreSQL and the live store answer and the guidance replica holds a live
   * snapshot. The live store's check is named after it (`redis`; `memory` in one process).
   */
  @Public()
  @SkipRateLimit()
  @Get('ready')
  @ApiDoc({
    summary: 'Readiness (PostgreSQL, Redis, guidance replica); 503 when not ready',
    response: readinessSchema,
    others: [{ status: 503, description: 'Not ready (checks say why)', response: readinessSchema }],
  })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, live] = await Promise.all([
      probe(() => this.ds.query('SELECT 1')),
      probe(() => this.live.ping()),
    ]);
    const replica = this.runtime.sync.synced ? 'ok' : 'not synced';
    const ok = postgres === 'ok' && live === 'ok' && replica === 'ok';
    void reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'unavailable',
      checks: { postgres, [this.live.name]: live, replica },
    });
  }
}
