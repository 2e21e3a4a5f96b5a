import { Controller, Get } from '@nestjs/common';
import { Public } from '../common/public.decorator';
import { SkipRateLimit } from '../common/rate-limit.decorator';

@Controller('health')
export class HealthController {
  /** Liveness: the process answers. */
  @Public()
  @SkipRateLimit()
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}
