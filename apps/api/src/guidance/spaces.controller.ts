import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Guidance, RawQuery } from '@app/guidance';
import { Public } from '../common/public.decorator';

@ApiTags('drivers')
@Controller('v1/spaces')
export class SpacesController {
  constructor(private readonly guidance: Guidance) {}

  @Public()
  @Get('nearby')
  @ApiOperation({
    summary: 'Free spaces near a point, open to the public at `at` for the whole `stay`',
  })
  @ApiQuery({ name: 'lat', type: Number, required: true })
  @ApiQuery({ name: 'lon', type: Number, required: true })
  @ApiQuery({
    name: 'radius',
    type: Number,
    required: false,
    description: 'm, default 500, max 5000',
  })
  @ApiQuery({ name: 'limit', type: Number, required: false, description: 'default 20, max 200' })
  @ApiQuery({
    name: 'type',
    type: String,
    required: false,
    description: 'standard, ev, accessible, ...',
  })
  @ApiQuery({ name: 'at', type: String, required: false, description: 'RFC 3339 arrival time' })
  @ApiQuery({ name: 'stay', type: Number, required: false, description: 'minutes, 1..1440' })
  @Header('content-type', 'application/json; charset=utf-8')
  nearby(@Query() q: RawQuery): string {
    // served by NearbyDirectRoute (a Fastify hook) in the app; this is the declaration and fallback
    return this.guidance.spacesNearbyJson(q);
  }

  @Public()
  @Get(':spaceId')
  @ApiOperation({ summary: 'State, sensor health and the rules in force now, explained' })
  space(@Param('spaceId') spaceId: string) {
    return this.guidance.space(spaceId);
  }

  @Public()
  @Get(':spaceId/rules')
  @ApiOperation({ summary: 'What if I arrive at `at` (and stay `stay` minutes)' })
  @ApiQuery({ name: 'at', type: String, required: false })
  @ApiQuery({ name: 'stay', type: Number, required: false })
  rules(@Param('spaceId') spaceId: string, @Query() q: RawQuery) {
    return this.guidance.spaceRules(spaceId, q);
  }
}
