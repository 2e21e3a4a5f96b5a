import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Guidance, RawQuery } from '@app/guidance';
import { Public } from '../common/public.decorator';

@ApiTags('drivers')
@Controller('v1/lots')
export class LotsController {
  constructor(private readonly guidance: Guidance) {}

  @Public()
  @Get('nearby')
  @ApiOperation({ summary: 'Lots near a point with free/occupied/unknown counts and status' })
  @ApiQuery({ name: 'lat', type: Number, required: true })
  @ApiQuery({ name: 'lon', type: Number, required: true })
  @ApiQuery({ name: 'radius', type: Number, required: false })
  @ApiQuery({ name: 'limit', type: Number, required: false })
  nearby(@Query() q: RawQuery) {
    return this.guidance.lotsNearby(q);
  }

  @Public()
  @Get(':lotId')
  @ApiOperation({
    summary: 'One lot: counts, status (open/almost_full/full/closed/unknown), price now',
  })
  lot(@Param('lotId') lotId: string) {
    return this.guidance.lot(lotId);
  }
}
