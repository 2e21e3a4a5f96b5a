import { Controller, Get } from '@nestjs/common';
import { Public } from '../common/public.decorator';

@Controller('health')
export class HealthController {
  /** Liveness: the process answers. */
  @Public()
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}
