import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ForecastStore, PriceReview, pricePolicySchema } from '@app/forecast';
import { Clock } from '@app/guidance';
import { parseOrThrow } from '../auth/zod-body';
import { Access } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { priceQuerySchema, priceSuggestionsSchema } from '../openapi/schemas/forecast.schemas';

/** Demand-based price suggestions (SFpark rule) for the operator; never applied here. */
@ApiTags('operator')
@Access('operator')
@Controller('v1/operator')
export class PriceSuggestionsController {
  constructor(
    private readonly store: ForecastStore,
    private readonly clock: Clock,
  ) {}

  @Get('price-suggestions')
  @ApiDoc({
    summary: 'Suggested price per pricing tier and time band from measured occupancy',
    description:
      'Raise one step above the target band, lower one step below it, two below `deepLow`; ' +
      'with the occupancy by hour and the days used. Apply through the city file (docs/forecast.md).',
    query: priceQuerySchema,
    response: priceSuggestionsSchema,
  })
  async suggestions(@Query() query: unknown) {
    const q = parseOrThrow(priceQuerySchema, query);
    const policy = parseOrThrow(pricePolicySchema, q);
    return new PriceReview(this.store).suggest(this.clock.now(), policy);
  }
}
