import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Guidance, RawQuery } from '@app/guidance';
import { Public } from '../common/public.decorator';
import { ArrivalAnswers } from '../forecast/arrival-answers';
import { ApiDoc } from '../openapi/api-doc.decorator';
import {
  nearbySpacesSchema,
  spaceIdParams,
  spaceRulesQuerySchema,
  spaceRulesSchema,
  spaceSchema,
  spacesNearbyQuerySchema,
} from '../openapi/schemas/guidance.schemas';

@ApiTags('drivers')
@Controller('v1/spaces')
export class SpacesController {
  constructor(
    private readonly guidance: Guidance,
    private readonly arrival: ArrivalAnswers,
  ) {}

  @Public()
  @Get('nearby')
  @ApiDoc({
    summary: 'Free spaces near a point, open to the public at `at` for the whole `stay`',
    description:
      'Nearest first; only spaces reported free by a fresh sensor now. Served by a Fastify hook ' +
      'outside Nest (nearby-direct.route.ts) with the same access decision, rate limit and errors.',
    query: spacesNearbyQuerySchema,
    response: nearbySpacesSchema,
  })
  @Header('content-type', 'application/json; charset=utf-8')
  nearby(@Query() q: RawQuery): string {
    // served by NearbyDirectRoute (a Fastify hook) in the app; this is the declaration and fallback
    return this.arrival.spacesNearbyJson(q);
  }

  @Public()
  @Get(':spaceId')
  @ApiDoc({
    summary: 'State, sensor health and the rules in force now, explained',
    params: spaceIdParams,
    response: spaceSchema,
    errors: [404],
  })
  space(@Param('spaceId') spaceId: string) {
    return this.guidance.space(spaceId);
  }

  @Public()
  @Get(':spaceId/rules')
  @ApiDoc({
    summary: 'What if I arrive at `at` (and stay `stay` minutes)',
    params: spaceIdParams,
    query: spaceRulesQuerySchema,
    response: spaceRulesSchema,
    errors: [404],
  })
  rules(@Param('spaceId') spaceId: string, @Query() q: RawQuery) {
    return this.guidance.spaceRules(spaceId, q);
  }
}
