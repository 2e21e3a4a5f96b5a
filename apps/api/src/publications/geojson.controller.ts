import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Clock } from '@app/guidance';
import { Publications } from '@app/publications';
import { Public } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import {
  freeSpacesQuerySchema,
  geoJsonFreeSpacesSchema,
  geoJsonLotsSchema,
} from '../openapi/schemas/publications.schemas';

/** GeoJSON open data for portals and app developers. */
@ApiTags('open data')
@Controller('v1/open-data/geojson')
export class GeoJsonController {
  constructor(
    private readonly publications: Publications,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get('lots')
  @ApiDoc({
    summary: 'Every lot with live counts and status (GeoJSON)',
    response: geoJsonLotsSchema,
  })
  lots() {
    return this.publications.lotsGeoJson(this.clock.now());
  }

  @Public()
  @Get('free-spaces')
  @ApiDoc({
    summary: 'Spaces free for the public now inside a bbox (GeoJSON)',
    query: freeSpacesQuerySchema,
    response: geoJsonFreeSpacesSchema,
  })
  freeSpaces(@Query() q: Record<string, unknown>) {
    return this.publications.freeSpacesGeoJson(q, this.clock.now());
  }
}
