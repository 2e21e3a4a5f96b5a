import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { BadParameterError } from '@app/domain';
import { Guidance, RawQuery, SpaceFilter } from '@app/guidance';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/public.decorator';
import { ApiDoc, SseEventDoc } from '../openapi/api-doc.decorator';
import {
  lotEventSchema,
  lotStreamQuerySchema,
  spaceEventSchema,
  spaceStreamQuerySchema,
  streamEndSchema,
} from '../openapi/schemas/guidance.schemas';
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

const END_EVENTS: SseEventDoc[] = [
  {
    name: 'overflow',
    data: streamEndSchema,
    description: 'last event: the client read too slowly; reconnect to resynchronise',
  },
  { name: 'shutdown', data: streamEndSchema, description: 'last event: the server is stopping' },
];

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
  @ApiDoc({
    summary: 'Lot counts/status as they change (`lot` events; current state first)',
    query: lotStreamQuerySchema,
    sse: [
      {
        name: 'lot',
        data: lotEventSchema,
        description: 'a lot of the filter: sent for each lot first, then on every change',
      },
      ...END_EVENTS,
    ],
    errors: [404],
  })
  lots(@Query() q: RawQuery, @Res() reply: FastifyReply): void {
    const f = { lotId: text(q, 'lotId'), zoneId: text(q, 'zoneId') };
    if (f.lotId) this.guidance.lot(f.lotId);
    const current = this.guidance.currentLots(f);
    // the buffer coalesces per lot, so it never holds more than one event per lot: bounded by
    // the lots of the filter, it must take them all, or the first snapshot of a city with more
    // lots than STREAM_MAX_PENDING (2,364 in the bench city) overflows as soon as the socket
    // is momentarily full, and the client reconnects forever without a live change
    const session = this.open(reply, current.length);
    const sub = this.guidance.feed
      .lotsMatching(f)
      .subscribe((e) => session.send(e.lotId, 'lot', e));
    session.onClose(() => sub.unsubscribe());
    for (const e of current) session.send(e.lotId, 'lot', e);
  }

  @Public()
  @Get('spaces')
  @ApiDoc({
    summary: 'Space state changes (`space` events) in a bbox, lot or zone',
    query: spaceStreamQuerySchema,
    sse: [
      { name: 'space', data: spaceEventSchema, description: 'an applied change of a space' },
      ...END_EVENTS,
    ],
  })
  spaces(@Query() q: RawQuery, @Res() reply: FastifyReply): void {
    const f: SpaceFilter = { bbox: bbox(q), lotId: text(q, 'lotId'), zoneId: text(q, 'zoneId') };
    if (!f.bbox && !f.lotId && !f.zoneId) {
      throw new BadParameterError('bbox', 'one of bbox, lotId or zoneId is required');
    }
    const session = this.open(reply);
    const sub = this.guidance.feed.spaces(f).subscribe((e) => session.send(e.spaceId, 'space', e));
    session.onClose(() => sub.unsubscribe());
  }

  /** `minPending`: the session's buffer holds at least this many keys (STREAM_MAX_PENDING or more). */
  private open(reply: FastifyReply, minPending = 0): SseSession {
    reply.hijack();
    const session = new SseSession(
      reply.raw,
      Math.max(this.config.guidance.streamMaxPending, minPending),
      undefined,
      reply.getHeaders(),
    );
    this.registry.add(session);
    return session;
  }
}
