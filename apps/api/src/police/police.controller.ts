import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { BadParameterError, Principal } from '@app/domain';
import { CaseService, PoliceDashboardService } from '@app/enforcement';
import { Access } from '../common/public.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { parseOrThrow } from '../auth/zod-body';
import {
  periodQuerySchema,
  sensorQuerySchema,
  transitionBodySchema,
  violationQuerySchema,
} from './police.dto';

const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 93 * DAY_MS;

/** Police and operator API: every answer is limited to the caller's zones (others are 404). */
@Access('police')
@Controller('v1/police')
export class PoliceController {
  constructor(
    private readonly cases: CaseService,
    private readonly dashboards: PoliceDashboardService,
  ) {}

  @Get('violations')
  async violations(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseOrThrow(violationQuerySchema, query);
    const r = await this.cases.list(p, q);
    return { ...r, limit: q.limit, offset: q.offset };
  }

  @Get('violations/:id')
  violation(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.cases.get(p, id);
  }

  @Get('violations/:id/transitions')
  async trail(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return { violationId: id, steps: await this.cases.trail(p, id) };
  }

  @Post('violations/:id/transitions')
  @HttpCode(200)
  transition(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    const b = parseOrThrow(transitionBodySchema, body);
    return this.cases.transition(p, id, b.to, b.comment);
  }

  @Get('zones')
  async zones(@CurrentPrincipal() p: Principal) {
    return { items: await this.dashboards.zones(p) };
  }

  @Get('zones/:zoneId/overview')
  overview(@CurrentPrincipal() p: Principal, @Param('zoneId') zoneId: string) {
    return this.dashboards.zoneOverview(p, zoneId);
  }

  @Get('zones/:zoneId/occupancy')
  zoneOccupancy(
    @CurrentPrincipal() p: Principal,
    @Param('zoneId') zoneId: string,
    @Query() q: unknown,
  ) {
    const { from, to } = period(q);
    return this.dashboards.occupancySeries(p, { zoneId }, from, to);
  }

  @Get('lots/:lotId/occupancy')
  lotOccupancy(
    @CurrentPrincipal() p: Principal,
    @Param('lotId') lotId: string,
    @Query() q: unknown,
  ) {
    const { from, to } = period(q);
    return this.dashboards.occupancySeries(p, { lotId }, from, to);
  }

  @Get('zones/:zoneId/sessions/stats')
  zoneStats(
    @CurrentPrincipal() p: Principal,
    @Param('zoneId') zoneId: string,
    @Query() q: unknown,
  ) {
    const { from, to } = period(q);
    return this.dashboards.sessionStats(p, { zoneId }, from, to);
  }

  @Get('lots/:lotId/sessions/stats')
  lotStats(@CurrentPrincipal() p: Principal, @Param('lotId') lotId: string, @Query() q: unknown) {
    const { from, to } = period(q);
    return this.dashboards.sessionStats(p, { lotId }, from, to);
  }

  @Get('sensors')
  sensors(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseOrThrow(sensorQuerySchema, query);
    return this.dashboards.sensorHealth(p, q.zone, q.problem);
  }
}

/** Default: the last 24 hours; at most ~3 months per query. */
function period(query: unknown): { from: number; to: number } {
  const q = parseOrThrow(periodQuerySchema, query);
  const to = q.to ?? Date.now();
  const from = q.from ?? to - DAY_MS;
  if (from >= to) throw new BadParameterError('from', 'must be before to');
  if (to - from > MAX_PERIOD_MS) throw new BadParameterError('from', 'period longer than 93 days');
  return { from, to };
}
