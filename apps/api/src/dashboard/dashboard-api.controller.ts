import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { canSeeZone, Principal } from '@app/domain';
import { Clock, Guidance, LotView } from '@app/guidance';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Access, Public } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import {
  dashboardConfigSchema,
  dashboardLotsSchema,
  dashboardSignsSchema,
} from '../openapi/schemas/guidance.schemas';

/** What the web dashboard needs beyond the driver and police API. */
@ApiTags('dashboard')
@Controller('v1/dashboard')
export class DashboardApiController {
  constructor(
    private readonly config: AppConfig,
    private readonly guidance: Guidance,
    private readonly clock: Clock,
  ) {}

  /** Public: the page reads it before login (map tiles are not secret). */
  @Public()
  @Get('config')
  @ApiDoc({
    summary: 'Dashboard settings: map tile URL template and attribution',
    response: dashboardConfigSchema,
  })
  settings() {
    const d = this.config.dashboard;
    return { tileUrl: d.tileUrl ?? null, tileAttribution: d.tileAttribution };
  }

  /** Every lot the caller may see, with position and counts as the driver API gives them. */
  @Access('police')
  @Get('lots')
  @ApiDoc({
    summary: "The caller's lots for the map: position, name, counts and status now",
    response: dashboardLotsSchema,
  })
  lots(@CurrentPrincipal() p: Principal): { asOf: string; ready: boolean; items: LotView[] } {
    const now = this.clock.now();
    const asOf = new Date(now).toISOString();
    const replica = this.guidance.replica;
    if (!replica.ready) return { asOf, ready: false, items: [] };
    const items = replica.spaces.lots
      .filter((l) => canSeeZone(p, l.zoneId))
      .map((l) => this.guidance.lots.view(l.id, now));
    return { asOf, ready: true, items };
  }

  /** The guidance signs showing at least one of the caller's lots (GET /v1/signs/{id} shows one). */
  @Access('police')
  @Get('signs')
  @ApiDoc({
    summary: "Guidance signs showing the caller's lots (ids and names)",
    response: dashboardSignsSchema,
  })
  signs(@CurrentPrincipal() p: Principal) {
    const replica = this.guidance.replica;
    if (!replica.ready) return { items: [] };
    const zoneOf = new Map(replica.spaces.lots.map((l) => [l.id, l.zoneId]));
    const visible = (lotId: string) => {
      const zone = zoneOf.get(lotId);
      return zone !== undefined && canSeeZone(p, zone);
    };
    return {
      items: replica.catalog.signs
        .filter((s) => s.entries.some((e) => visible(e.lotId)))
        .map((s) => ({ signId: s.id, name: s.name, lotIds: s.entries.map((e) => e.lotId) })),
    };
  }
}
