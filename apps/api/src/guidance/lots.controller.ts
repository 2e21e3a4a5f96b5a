import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Guidance, RawQuery } from '@app/guidance';
import { Public } from '../common/public.decorator';
import { ArrivalAnswers } from '../forecast/arrival-answers';
import { ApiDoc } from '../openapi/api-doc.decorator';
import {
  lotIdParams,
  lotSchema,
  nearbyLotsSchema,
  lotsNearbyQuerySchema,
} from '../openapi/schemas/guidance.schemas';

@ApiTags('drivers')
@Controller('v1/lots')
export class LotsController {
  constructor(
    private readonly guidance: Guidance,
    private readonly arrival: ArrivalAnswers,
  ) {}

  @Public()
  @Get('nearby')
  @ApiDoc({
    summary: 'Lots near a point with free/occupied/unknown counts and status',
    description:
      'With `at` in the future or `eta`, each lot also carries `arrival` (docs/forecast.md).',
    query: lotsNearbyQuerySchema,
    response: nearbyLotsSchema,
  })
  nearby(@Query() q: RawQuery) {
    return this.arrival.lotsNearby(q);
  }

  @Public()
  @Get(':lotId')
  @ApiDoc({
    summary: 'One lot: counts, status (open/almost_full/full/closed/unknown), price now',
    params: lotIdParams,
    response: lotSchema,
    errors: [404],
  })
  lot(@Param('lotId') lotId: string) {
    return this.guidance.lot(lotId);
  }
}
