import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Guidance } from '@app/guidance';
import { Public } from '../common/public.decorator';

@ApiTags('signs')
@Controller('v1/signs')
export class SignsController {
  constructor(private readonly guidance: Guidance) {}

  /** Public: a sign shows public information; controllers poll it or follow /v1/streams/lots. */
  @Public()
  @Get(':signId')
  @ApiOperation({ summary: 'What a guidance sign must display now (with hysteresis)' })
  sign(@Param('signId') signId: string) {
    return this.guidance.sign(signId);
  }
}
