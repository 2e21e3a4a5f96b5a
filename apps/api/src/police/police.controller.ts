import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BadParameterError, Principal } from '@app/domain';
import { CaseService, PoliceDashboardService } from '@app/enforcement';
import { Access } from '../common/public.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { parseOrThrow } from '../auth/zod-body';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { lotIdParams } from '../openapi/schemas/guidance.schemas';
import {
  caseTrailSchema,
  occupancySeriesSchema,
  sensorHealthSchema,
  sessionStatsSchema,
  violationIdParams,
  violationListSchema,
  violationSchema,
  zoneIdParams,
  zoneListSchema,
  zoneOverviewSchema,
} from '../openapi/schemas/staff.schemas';
import {
  occupancyQuerySchema,
  periodQuerySchema,
  sensorQuerySchema,
  transitionBodySchema,
  violationQuerySchema,
} from './police.dto';

const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 93 * DAY_MS;

/** Police and operator API: every answer is limited to the caller's zones (others are 404). */
@ApiTags('police')
@Access('police')
@Controller('v1/police')
export class PoliceController {
  constructor(
    private readonly cases: CaseService,
    private readonly dashboards: PoliceDashboardService,
  ) {}

  @Get('violations')
  @ApiDoc({
    summary: 'Violations in the caller’s zones, newest first, paged',
    query: violationQuerySchema,
    response: violationListSchema,
    errors: [404],
  })
  async violations(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseOrThrow(violationQuerySchema, query);
    const r = await this.cases.list(p, q);
    return { ...r, limit: q.limit, offset: q.offset };
  }

  @Get('violations/:id')
  @ApiDoc({
    summary: 'One violation',
    params: violationIdParams,
    response: violationSchema,
    errors: [404],
  })
  violation(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.cases.get(p, id);
  }

  @Get('violations/:id/transitions')
  @ApiDoc({
    summary: 'The case trail of a violation',
    params: violationIdParams,
    response: caseTrailSchema,
    errors: [404],
  })
  async trail(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return { violationId: id, steps: await this.cases.trail(p, id) };
  }

  @Post('violations/:id/transitions')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Move a case: reported -> reviewed -> filed -> dispatched -> closed (or dismissed)',
    description:
      'Answers the violation as it is now. 409: not allowed from its status, or moved meanwhile.',
    params: violationIdParams,
    body: transitionBodySchema,
    response: violationSchema,
    errors: [404, 409],
  })
  transition(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    const b = parseOrThrow(transitionBodySchema, body);
    return this.cases.transition(p, id, b.to, b.comment);
  }

  @Get('zones')
  @ApiDoc({ summary: 'The caller’s zones with live counts', response: zoneListSchema })
  async zones(@CurrentPrincipal() p: Principal) {
    return { items: await this.dashboards.zones(p) };
  }

  @Get('zones/:zoneId/overview')
  @ApiDoc({
    summary: 'Zone dashboard: lots, last 24 h sessions and uplinks, sensors, ingest rejections',
    params: zoneIdParams,
    response: zoneOverviewSchema,
    errors: [404],
  })
  overview(@CurrentPrincipal() p: Principal, @Param('zoneId') zoneId: string) {
    return this.dashboards.zoneOverview(p, zoneId);
  }

  @Get('zones/:zoneId/occupancy')
  @ApiDoc({
    summary: 'Hourly occupancy of a zone (default: the last 24 h; at most 93 days)',
    params: zoneIdParams,
    query: occupancyQuerySchema,
    response: occupancySeriesSchema,
    errors: [404],
  })
  zoneOccupancy(
    @CurrentPrincipal() p: Principal,
    @Param('zoneId') zoneId: string,
    @Query() q: unknown,
  ) {
    const { from, to, compareWeeks } = occupancyPeriod(q);
    return this.dashboards.occupancySeries(p, { zoneId }, from, to, compareWeeks);
  }

  @Get('lots/:lotId/occupancy')
  @ApiDoc({
    summary: 'Hourly occupancy of a lot (default: the last 24 h; at most 93 days)',
    params: lotIdParams,
    query: occupancyQuerySchema,
    response: occupancySeriesSchema,
    errors: [404],
  })
  lotOccupancy(
    @CurrentPrincipal() p: Principal,
    @Param('lotId') lotId: string,
    @Query() q: unknown,
  ) {
    const { from, to, compareWeeks } = occupancyPeriod(q);
    return this.dashboards.occupancySeries(p, { lotId }, from, to, compareWeeks);
  }

  @Get('zones/:zoneId/sessions/stats')
  @ApiDoc({
    summary: 'Sessions, turnover and mean dwell of a zone over a period',
    params: zoneIdParams,
    query: periodQuerySchema,
    response: sessionStatsSchema,
    errors: [404],
  })
  zoneStats(
    @CurrentPrincipal() p: Principal,
    @Param('zoneId') zoneId: string,
    @Query() q: unknown,
  ) {
    const { from, to } = period(q);
    return this.dashboards.sessionStats(p, { zoneId }, from, to);
  }

  @Get('lots/:lotId/sessions/stats')
  @ApiDoc({
    summary: 'Sessions, turnover and mean dwell of a lot over a period',
    params: lotIdParams,
    query: periodQuerySchema,
    response: sessionStatsSchema,
    errors: [404],
  })
  lotStats(@CurrentPrincipal() p: Principal, @Param('lotId') lotId: string, @Query() q: unknown) {
    const { from, to } = period(q);
    return this.dashboards.sessionStats(p, { lotId }, from, to);
  }

  @Get('sensors')
  @ApiDoc({
    summary: 'Sensors with a problem (stale, low battery) in the caller’s zones',
    query: sensorQuerySchema,
    response: sensorHealthSchema,
    errors: [404],
  })
  sensors(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseOrThrow(sensorQuerySchema, query);
    return this.dashboards.sensorHealth(p, q.zone, q.problem);
  }
}

/** Default: the last 24 hours; at most ~3 months per query. */
const MAX_COMPARED_MS = 8 * DAY_MS;

function period(
  query: unknown,
  schema: typeof periodQuerySchema | typeof occupancyQuerySchema = periodQuerySchema,
): { from: number; to: number } {
  const q = parseOrThrow(schema, query);
  const to = q.to ?? Date.now();
  const from = q.from ?? to - DAY_MS;
  if (from >= to) throw new BadParameterError('from', 'must be before to');
  if (to - from > MAX_PERIOD_MS) throw new BadParameterError('from', 'period longer than 93 days');
  return { from, to };
}

function occupancyPeriod(query: unknown): { from: number; to: number; compareWeeks: number } {
  const { from, to } = period(query, occupancyQuerySchema);
  const { compareWeeks } = parseOrThrow(occupancyQuerySchema, query);
  if (compareWeeks > 0 && to - from > MAX_COMPARED_MS) {
    throw new BadParameterError('compareWeeks', 'needs a period of at most 8 days');
  }
  return { from, to, compareWeeks };
}
