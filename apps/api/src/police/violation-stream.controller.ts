import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { canSeeZone, NotFoundError, Principal } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { parseOrThrow } from '../auth/zod-body';
import { Access } from '../common/public.decorator';
import { SseSession } from '../streams/sse-session';
import { StreamRegistry } from '../streams/stream-registry.service';
import { violationStreamQuerySchema } from './police.dto';
import { ViolationStreamService } from './violation-stream.service';

/** Violations as they are detected and move through the case loop, limited to the caller's zones. */
@ApiTags('police')
@Access('police')
@Controller('v1/police/streams')
export class ViolationStreamController {
  constructor(
    private readonly stream: ViolationStreamService,
    private readonly registry: StreamRegistry,
    private readonly config: AppConfig,
  ) {}

  @Get('violations')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Violations live (SSE): `ready` once subscribed (then read the list: nothing is missed), a ' +
      '`violation` event per detection or case step, `resync` when notifications may have been lost',
  })
  @ApiQuery({ name: 'zone', required: false })
  async violations(
    @CurrentPrincipal() p: Principal,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { zone } = parseOrThrow(violationStreamQuerySchema, query);
    if (zone !== undefined && !canSeeZone(p, zone)) throw new NotFoundError('zone', zone);
    await this.stream.start();
    reply.hijack();
    const session = new SseSession(
      reply.raw,
      this.config.guidance.streamMaxPending,
      undefined,
      reply.getHeaders(),
    );
    this.registry.add(session);
    const sub = this.stream.events().subscribe((e) => {
      if (e.kind === 'resync') return session.send('resync', 'resync', {});
      const v = e.view;
      if (!canSeeZone(p, v.zoneId) || (zone !== undefined && v.zoneId !== zone)) return;
      session.send(v.id, 'violation', v);
    });
    session.onClose(() => sub.unsubscribe());
    session.send('ready', 'ready', { asOf: new Date().toISOString() });
  }
}
