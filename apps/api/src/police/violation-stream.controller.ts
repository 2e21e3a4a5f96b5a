import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AppConfig } from '@app/config';
import { canSeeZone, NotFoundError, Principal } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { parseOrThrow } from '../auth/zod-body';
import { Access } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { streamEndSchema } from '../openapi/schemas/guidance.schemas';
import { dateTime, named } from '../openapi/schemas/registry';
import { violationSchema } from '../openapi/schemas/staff.schemas';
import { SseSession } from '../streams/sse-session';
import { StreamRegistry } from '../streams/stream-registry.service';
import { violationStreamQuerySchema } from './police.dto';
import { ViolationStreamService } from './violation-stream.service';

const readySchema = named('ViolationStreamReady', z.object({ asOf: dateTime() }));
const resyncSchema = named('ViolationStreamResync', z.object({}));

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
  @ApiDoc({
    summary: 'Violations live: every detection and case step in the caller’s zones',
    description:
      '`ready` once subscribed (then read the list: nothing is missed in between), a `violation` ' +
      'event per detection or case step whoever made it, `resync` when notifications may have ' +
      'been lost (re-read the list). EventSource cannot send the bearer token: read the stream ' +
      'with fetch.',
    query: violationStreamQuerySchema,
    sse: [
      { name: 'ready', data: readySchema, description: 'first event: the stream is subscribed' },
      { name: 'violation', data: violationSchema, description: 'a violation as it is now' },
      { name: 'resync', data: resyncSchema, description: 'changes may have been missed: re-read' },
      {
        name: 'overflow',
        data: streamEndSchema,
        description: 'last event: the client read too slowly; reconnect to resynchronise',
      },
      {
        name: 'shutdown',
        data: streamEndSchema,
        description: 'last event: the server is stopping',
      },
    ],
    errors: [404],
  })
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
