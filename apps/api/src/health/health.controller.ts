import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/public.decorator';
import { SkipRateLimit } from '../common/rate-limit.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { healthSchema } from '../openapi/schemas/guidance.schemas';

@ApiTags('health')
@Controller('health')
export class HealthController {
  /** Liveness: the process answers. */
  @Public()
  @SkipRateLimit()
  @Get('live')
  @ApiDoc({ summary: 'Liveness: the process answers', response: healthSchema })
  live(): { status: string } {
    return { status: 'ok' };
  }
}
