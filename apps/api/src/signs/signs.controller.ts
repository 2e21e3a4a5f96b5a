import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Guidance } from '@app/guidance';
import { Public } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { signIdParams, signSchema } from '../openapi/schemas/guidance.schemas';

@ApiTags('signs')
@Controller('v1/signs')
export class SignsController {
  constructor(private readonly guidance: Guidance) {}

  /** Public: a sign shows public information; controllers poll it or follow /v1/streams/lots. */
  @Public()
  @Get(':signId')
  @ApiDoc({
    summary: 'What a guidance sign must display now (with hysteresis)',
    params: signIdParams,
    response: signSchema,
    errors: [404],
  })
  sign(@Param('signId') signId: string) {
    return this.guidance.sign(signId);
  }
}
