import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { BadParameterError } from '@app/domain';
import { Guidance, RawQuery, SpaceFilter } from '@app/guidance';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/public.decorator';
import { SseSession } from './sse-session';
import { StreamRegistry } from './stream-registry.service';

function text(q: RawQuery, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9._:-]{1,64}$/.test(v)) {
    throw new BadParameterError(name, 'must be one id');
  }
  return v;
}

function bbox(q: RawQuery): SpaceFilter['bbox'] {
  const v = q.bbox;
  if (v === undefined || v === '') return undefined;
  const parts = typeof v === 'string' ? v.split(',').map((p) => p.trim()) : [];
  const n = parts.map(Number);
  const [minLon, minLat, maxLon, maxLat] = n;
  const ok =
    n.length === 4 &&
    parts.every((p) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(p)) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!ok) throw new BadParameterError('bbox', 'must be minLon,minLat,maxLon,maxLat');
  return { minLon, minLat, maxLon, maxLat };
}

/** Live streams (Server-Sent Events): every instance streams every change of the live store. */
@ApiTags('streams')
@Controller('v1/streams')
export class StreamsController {
  constructor(
    private readonly guidance: Guidance,
    private readonly registry: StreamRegistry,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('lots')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Lot counts/status as they change (`lot` events; current state first)' })
  @ApiQuery({ name: 'lotId', required: false })
  @ApiQuery({ name: 'zoneId', required: false })
  lots(@Query() q: RawQuery, @Res() reply: FastifyReply): void {
    const f = { lotId: text(q, 'lotId'), zoneId: text(q, 'zoneId') };
    if (f.lotId) this.guidance.lot(f.lotId);
    const session = this.open(reply);
    const sub = this.guidance.feed
      .lotsMatching(f)
      .subscribe((e) => session.send(e.lotId, 'lot', e));
    session.onClose(() => sub.unsubscribe());
    for (const e of this.guidance.currentLots(f)) session.send(e.lotId, 'lot', e);
  }

  @Public()
  @Get('spaces')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Space state changes (`space` events) in a bbox, lot or zone' })
  @ApiQuery({ name: 'bbox', required: false, description: 'minLon,minLat,maxLon,maxLat' })
  @ApiQuery({ name: 'lotId', required: false })
  @ApiQuery({ name: 'zoneId', required: false })
  spaces(@Query() q: RawQuery, @Res() reply: FastifyReply): void {
    const f: SpaceFilter = { bbox: bbox(q), lotId: text(q, 'lotId'), zoneId: text(q, 'zoneId') };
    if (!f.bbox && !f.lotId && !f.zoneId) {
      throw new BadParameterError('bbox', 'one of bbox, lotId or zoneId is required');
    }
    const session = this.open(reply);
    const sub = this.guidance.feed.spaces(f).subscribe((e) => session.send(e.spaceId, 'space', e));
    session.onClose(() => sub.unsubscribe());
  }

  private open(reply: FastifyReply): SseSession {
    reply.hijack();
    const session = new SseSession(
      reply.raw,
      this.config.guidance.streamMaxPending,
      undefined,
      reply.getHeaders(),
    );
    this.registry.add(session);
    return session;
  }
}
